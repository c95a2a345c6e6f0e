import { isReplica } from '../associations';
import type { RequestContext } from '../context';
import { KmsError } from '../errors';
import { assertExternal } from '../key-guards';
import { keySpecRow } from '../key-specs';
import { isPending, removeMaterial } from '../lifecycle';
import { draft, resolveKey } from '../resolve';
import { assertState } from '../state-machine';
import { putKey, type Change } from '../store/kms-store';
import { shapes } from '../wire';
import type { Operation } from './operation';

/**
 * DeleteImportedKeyMaterial (spec §1.5, §1.11): idempotent; deleting CURRENT or NON_CURRENT material sends the
 * key to PendingImport (PendingDeletion stays), deleting pending material leaves the key as it is and, on a
 * multi-Region primary, removes it from the replicas too.
 */
export const deleteImportedKeyMaterial: Operation = {
  input: { KeyId: shapes.keyId, KeyMaterialId: shapes.materialId },
  run(ctx: RequestContext, input: { KeyId: string; KeyMaterialId?: string }) {
    const key = resolveKey(ctx, input.KeyId);
    assertExternal(key);
    assertState('deleteMaterial', key.state, key.arn);
    const symmetric = keySpecRow(key.keySpec).family === 'symmetric';
    if (!symmetric && input.KeyMaterialId !== undefined) {
      throw new KmsError(
        'ValidationException',
        `Input parameter keyMaterialId cannot be used with ${key.keySpec} imported keys.`,
      );
    }
    const next = draft(key);
    const target =
      input.KeyMaterialId === undefined
        ? next.materials.find((m) => m.materialState === 'CURRENT')
        : next.materials.find((m) => m.id === input.KeyMaterialId);
    if (input.KeyMaterialId !== undefined && !target) {
      throw new KmsError(
        'ValidationException',
        `Key material (id: ${input.KeyMaterialId}) has never been imported into KMS key ${key.arn}.`,
      );
    }
    if (!target) return { KeyId: key.arn };
    const changes: Change[] = [];
    if (target.importState === 'IMPORTED') {
      if (isPending(target) && !isReplica(next)) {
        for (const region of next.multiRegion?.replicaRegions ?? []) {
          const replica = ctx.store.getKey(region, key.keyId);
          if (!replica?.materials.some((m) => m.id === target.id)) continue;
          const copy = structuredClone(replica);
          copy.materials = copy.materials.filter((m) => m.id !== target.id);
          changes.push(putKey(copy));
        }
      }
      removeMaterial(next, target);
      changes.push(putKey(next));
      ctx.store.commit(...changes);
    }
    return { KeyId: key.arn, KeyMaterialId: symmetric ? target.id : undefined };
  },
};
