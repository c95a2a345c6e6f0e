import { aliasArn, keyArn, type RequestContext } from './context';
import { KmsError, messages } from './errors';
import { settleKey } from './lifecycle';
import type { KeyRecord } from './store/records';

/**
 * KeyId resolution (spec §1.0, §1.9): key ID, key ARN, and — only where KMS accepts them — alias name or
 * alias ARN. A key ARN from another Region is "Invalid arn <region>"; unknown IDs name the ARN they would have.
 */
const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;

type Parsed = { kind: 'key'; keyId: string } | { kind: 'alias'; aliasName: string };

function parse(ctx: RequestContext, input: string): Parsed {
  if (input.startsWith('arn:')) {
    const match = ARN.exec(input);
    if (!match) throw new KmsError('InvalidArnException', `Invalid arn ${input}`);
    const [, region, account, resource, rest] = match as unknown as [string, string, string, string, string];
    if (region !== ctx.region) throw new KmsError('NotFoundException', messages.invalidArnRegion(region));
    if (account !== ctx.accountId) throw new KmsError('NotFoundException', messages.keyDoesNotExist(input));
    return resource === 'key' ? { kind: 'key', keyId: rest } : { kind: 'alias', aliasName: `alias/${rest}` };
  }
  if (input.startsWith('alias/')) return { kind: 'alias', aliasName: input };
  return { kind: 'key', keyId: input };
}

export interface ResolveOptions {
  allowAlias?: boolean;
}

/** Returns the key (with any due expiry, deletion or rotation applied first) or throws NotFoundException. */
export function resolveKey(ctx: RequestContext, input: string, options: ResolveOptions = {}): KeyRecord {
  const parsed = parse(ctx, input);
  let keyId: string;
  if (parsed.kind === 'alias') {
    if (!options.allowAlias) throw new KmsError('NotFoundException', messages.invalidKeyId(input));
    const alias = ctx.store.getAlias(ctx.region, parsed.aliasName);
    if (!alias)
      throw new KmsError('NotFoundException', messages.aliasNotFound(aliasArn(ctx, parsed.aliasName)));
    keyId = alias.targetKeyId;
  } else {
    keyId = parsed.keyId;
  }
  if (!KEY_ID.test(keyId)) throw new KmsError('NotFoundException', messages.invalidKeyId(input));
  const stored = ctx.store.getKey(ctx.region, keyId);
  const key = stored && settleKey(ctx, stored);
  if (!key) throw new KmsError('NotFoundException', messages.keyDoesNotExist(keyArn(ctx, ctx.region, keyId)));
  return key;
}

/** A working copy of a key: operations change the copy and commit it, so failures change nothing. */
export const draft = (key: KeyRecord): KeyRecord => structuredClone(key);
