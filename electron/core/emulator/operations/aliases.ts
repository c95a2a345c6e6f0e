import { aliasArn, type RequestContext } from '../context';
import { KmsError, messages } from '../errors';
import { page } from '../pagination';
import { resolveKey } from '../resolve';
import { assertState } from '../state-machine';
import { deleteAlias as deleteAliasChange, putAlias } from '../store/kms-store';
import { shapes, type MemberRule } from '../wire';
import type { Operation } from './operation';

/**
 * CreateAlias / ListAliases / DeleteAlias. Aliases are per Region. TargetKeyId and ListAliases' KeyId take a
 * key ID or key ARN only, as in KMS; `alias/aws/` names are reserved for AWS managed keys.
 */
const aliasName: MemberRule = {
  type: 'string',
  required: true,
  min: 1,
  max: 256,
  pattern: /^[a-zA-Z0-9:/_-]+$/,
};

function checkAliasName(name: string): void {
  if (!name.startsWith('alias/')) {
    throw new KmsError(
      'ValidationException',
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  }
  if (name.startsWith('alias/aws/')) {
    throw new KmsError('NotAuthorizedException', 'Cannot create alias with prefix alias/aws/');
  }
}

export const createAlias: Operation = {
  input: { AliasName: aliasName, TargetKeyId: shapes.keyId },
  run(ctx: RequestContext, input: { AliasName: string; TargetKeyId: string }) {
    checkAliasName(input.AliasName);
    const key = resolveKey(ctx, input.TargetKeyId);
    if (key.state === 'PendingDeletion' || key.state === 'PendingReplicaDeletion') {
      assertState('scheduleDeletion', key.state, key.arn);
    }
    if (ctx.store.getAlias(ctx.region, input.AliasName)) {
      throw new KmsError(
        'AlreadyExistsException',
        `An alias with the name ${aliasArn(ctx, input.AliasName)} already exists`,
      );
    }
    const now = ctx.clock.nowMs();
    ctx.store.commit(
      putAlias({
        region: ctx.region,
        aliasName: input.AliasName,
        targetKeyId: key.keyId,
        creationDate: now,
        lastUpdatedDate: now,
      }),
    );
    return {};
  },
};

export const listAliases: Operation = {
  input: { KeyId: shapes.optionalKeyId, Limit: shapes.limit, Marker: shapes.marker },
  run(ctx: RequestContext, input: { KeyId?: string; Limit?: number; Marker?: string }) {
    // Sorted names from the store's list index: a page costs what it holds, not a sort of every alias.
    const names =
      input.KeyId === undefined
        ? ctx.store.listIndex.sortedAliasNames(ctx.region)
        : ctx.store.listIndex.aliasNamesOf(ctx.region, resolveKey(ctx, input.KeyId).keyId);
    const { items, truncated, nextMarker } = page(names, input.Limit, input.Marker);
    return {
      Aliases: items
        .map((name) => ctx.store.getAlias(ctx.region, name)!)
        .map((a) => ({
          AliasName: a.aliasName,
          AliasArn: aliasArn(ctx, a.aliasName),
          TargetKeyId: a.targetKeyId,
          CreationDate: a.creationDate / 1000,
          LastUpdatedDate: a.lastUpdatedDate / 1000,
        })),
      Truncated: truncated,
      NextMarker: nextMarker,
    };
  },
};

export const deleteAlias: Operation = {
  input: { AliasName: aliasName },
  run(ctx: RequestContext, input: { AliasName: string }) {
    if (!ctx.store.getAlias(ctx.region, input.AliasName)) {
      throw new KmsError('NotFoundException', messages.aliasNotFound(aliasArn(ctx, input.AliasName)));
    }
    ctx.store.commit(deleteAliasChange(ctx.region, input.AliasName));
    return {};
  },
};
