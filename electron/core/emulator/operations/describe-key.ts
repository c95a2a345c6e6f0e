import type { RequestContext } from '../context';
import { keyMetadata } from '../metadata';
import { resolveKey } from '../resolve';
import { shapes } from '../wire';
import type { Operation } from './operation';

/** DescribeKey works in every key state and accepts aliases (spec §1.2). */
export const describeKey: Operation = {
  input: { KeyId: shapes.keyId, GrantTokens: shapes.grantTokens },
  run(ctx: RequestContext, input: { KeyId: string }) {
    return { KeyMetadata: keyMetadata(ctx, resolveKey(ctx, input.KeyId, { allowAlias: true })) };
  },
};
