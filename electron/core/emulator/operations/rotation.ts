import { generateKeyMaterial } from '../../crypto';
import { boundMaterials, isReplica, primaryOf } from '../associations';
import type { RequestContext } from '../context';

import { KmsError, messages } from '../errors';
import { keySpecRow } from '../key-specs';
import { isPending } from '../lifecycle';
import { computeMaterialId } from '../material-id';
import { sealMaterial } from '../materials';
import { page } from '../pagination';
import { draft, resolveKey } from '../resolve';
import { assertState } from '../state-machine';
import { putKey } from '../store/kms-store';
import type { KeyRecord } from '../store/records';
import { shapes, toWireTime } from '../wire';
import type { Operation } from './operation';

/**
 * Key rotation as it applies to imported keys (spec §1.6–§1.8, §1.11): automatic rotation never (EXTERNAL →
 * UnsupportedOperationException), on-demand rotation of symmetric keys from staged NEW material (≤ 25 per key,
 * completing asynchronously on the emulator clock), and ListKeyRotations over the material list.
 */
export const MAX_ON_DEMAND_ROTATIONS = 25;

const symmetric = (key: KeyRecord) => keySpecRow(key.keySpec).family === 'symmetric';

function automaticRotation(enable: boolean): Operation {
  return {
    input: { KeyId: shapes.keyId, RotationPeriodInDays: { type: 'integer', min: 90, max: 2560 } },
    run(ctx: RequestContext, input: { KeyId: string; RotationPeriodInDays?: number }) {
      const key = resolveKey(ctx, input.KeyId);
      if (key.origin !== 'AWS_KMS') {
        throw new KmsError('UnsupportedOperationException', messages.originNotValid(key.arn, key.origin));
      }
      if (!symmetric(key)) throw new KmsError('UnsupportedOperationException');
      assertState('enableDisable', key.state, key.arn);
      const next = draft(key);
      next.autoRotationDays = enable ? (input.RotationPeriodInDays ?? 365) : undefined;
      ctx.store.commit(putKey(next));
      return {};
    },
  };
}
export const enableKeyRotation = automaticRotation(true);
export const disableKeyRotation = automaticRotation(false);

export const getKeyRotationStatus: Operation = {
  input: { KeyId: shapes.keyId },
  run(ctx: RequestContext, input: { KeyId: string }) {
    const key = resolveKey(ctx, input.KeyId);
    assertState('rotationInfo', key.state, key.arn);
    const primary = primaryOf(ctx, key) ?? key;
    return {
      KeyRotationEnabled: key.autoRotationDays !== undefined,
      KeyId: key.arn,
      RotationPeriodInDays: key.autoRotationDays,
      OnDemandRotationStartDate: toWireTime(primary.rotationStartedAt),
    };
  },
};

export const listKeyRotations: Operation = {
  input: {
    KeyId: shapes.keyId,
    IncludeKeyMaterial: { type: 'string', enum: ['ALL_KEY_MATERIAL', 'ROTATIONS_ONLY'] },
    Limit: shapes.limit,
    Marker: shapes.marker,
  },
  run(
    ctx: RequestContext,
    input: { KeyId: string; IncludeKeyMaterial?: string; Limit?: number; Marker?: string },
  ) {
    const key = resolveKey(ctx, input.KeyId);
    if (!symmetric(key)) {
      if (input.IncludeKeyMaterial !== undefined) {
        throw new KmsError(
          'ValidationException',
          'Input parameter includeKeyMaterial can only be used with symmetric keys.',
        );
      }
      throw new KmsError(
        'UnsupportedOperationException',
        `${key.arn} key spec is ${key.keySpec} which is not valid for this operation.`,
      );
    }
    assertState('rotationInfo', key.state, key.arn);
    const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL';
    const listed = boundMaterials(ctx, key).filter((m) => all || m.rotationType !== undefined);
    const { items, truncated, nextMarker } = page(listed, input.Limit, input.Marker);
    const external = key.origin === 'EXTERNAL';
    return {
      Rotations: items.map((bound) => {
        const own = key.materials.find((m) => m.id === bound.id);
        const imported = own?.importState === 'IMPORTED';
        return {
          KeyId: key.arn,
          KeyMaterialId: bound.id,
          KeyMaterialDescription: external ? (own?.description ?? bound.description) : undefined,
          ImportState: external ? (imported ? 'IMPORTED' : 'PENDING_IMPORT') : undefined,
          KeyMaterialState: bound.materialState,
          ExpirationModel: external && imported ? own?.expirationModel : undefined,
          ValidTo: external && imported ? toWireTime(own?.validTo) : undefined,
          RotationDate: toWireTime(bound.rotationDate),
          RotationType: bound.rotationType,
        };
      }),
      Truncated: truncated,
      NextMarker: nextMarker,
    };
  },
};

export const rotateKeyOnDemand: Operation = {
  input: { KeyId: shapes.keyId },
  async run(ctx: RequestContext, input: { KeyId: string }) {
    const key = resolveKey(ctx, input.KeyId);
    if (!symmetric(key)) throw new KmsError('UnsupportedOperationException');
    if (isReplica(key)) {
      throw new KmsError(
        'UnsupportedOperationException',
        `${key.arn} is a replica key; rotate the primary Multi-Region key.`,
      );
    }
    assertState('rotate', key.state, key.arn);
    if (key.rotationStartedAt !== undefined) {
      throw new KmsError('ConflictException', `${key.arn} already has an on-demand rotation in progress.`);
    }
    if (key.onDemandRotations >= MAX_ON_DEMAND_ROTATIONS) {
      throw new KmsError(
        'LimitExceededException',
        `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.arn}`,
      );
    }
    const next = draft(key);
    if (key.origin === 'AWS_KMS') {
      const secret = await generateKeyMaterial(key.keySpec);
      try {
        secret.use((bytes) => {
          const id = computeMaterialId(ctx.store, key.keyId, bytes, false);
          next.materials.push({
            id,
            sealed: sealMaterial(ctx, next, id, bytes),
            importState: 'IMPORTED',
            materialState: 'PENDING_ROTATION',
          });
        });
      } finally {
        secret.wipe();
      }
    }
    const pending = next.materials.find(isPending);
    if (!pending) {
      throw new KmsError(
        'KMSInvalidStateException',
        `No available key material pending rotation for the key: ${key.arn}.`,
      );
    }
    if (pending.materialState === 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION') {
      throw new KmsError(
        'KMSInvalidStateException',
        'Cannot perform key material rotation: Key material has not been imported for replicas of the Multi-Region key.',
      );
    }
    next.rotationStartedAt = ctx.clock.nowMs();
    next.onDemandRotations += 1;
    // KMS-generated material is shared by a multi-Region key: stage it on every replica too.
    const replicas =
      key.origin === 'AWS_KMS'
        ? (next.multiRegion?.replicaRegions ?? []).flatMap((region) => {
            const replica = ctx.store.getKey(region, key.keyId);
            if (!replica) return [];
            const copy = structuredClone(replica);
            copy.materials.push(structuredClone(pending));
            return [putKey(copy)];
          })
        : [];
    ctx.store.commit(putKey(next), ...replicas);
    return { KeyId: key.arn };
  },
};
