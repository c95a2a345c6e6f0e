import { unwrapKeyMaterial, validateMaterialForKeySpec, type Secret } from '../../crypto';
import { boundMaterials, hasAllPermanentMaterial, isReplica, primaryOf } from '../associations';
import type { RequestContext } from '../context';
import { KmsError } from '../errors';
import { checkExpiration } from '../expiration';
import { openImportToken } from '../import-token';
import { assertExternal } from '../key-guards';
import { isAsymmetric, keySpecRow } from '../key-specs';
import { isPending } from '../lifecycle';
import { computeMaterialId } from '../material-id';
import { sealMaterial } from '../materials';
import { draft, resolveKey } from '../resolve';
import { assertState, transition } from '../state-machine';
import { putKey, type Change } from '../store/kms-store';
import type { ExpirationModel, KeyRecord, MaterialRecord } from '../store/records';
import { shapes } from '../wire';
import type { Operation } from './operation';

/**
 * ImportKeyMaterial, following the decision table of spec §4.1 row by row, in its order. Nothing is written
 * until every check has passed, so a failed import changes nothing (the LocalStack bug this emulator avoids).
 */
interface Input {
  KeyId: string;
  ImportToken: Buffer;
  EncryptedKeyMaterial: Buffer;
  ValidTo?: number;
  ExpirationModel?: ExpirationModel;
  ImportType?: 'NEW_KEY_MATERIAL' | 'EXISTING_KEY_MATERIAL';
  KeyMaterialDescription?: string;
  KeyMaterialId?: string;
}

const incorrect = (expected: string) =>
  new KmsError(
    'IncorrectKeyMaterialException',
    `Imported key material does not have the expected identifier (${expected}).`,
  );

/** Rows 9–12: the 2025 members are for symmetric keys only, and replicas take neither NEW nor descriptions. */
function checkRotationMembers(key: KeyRecord, input: Input): void {
  if (keySpecRow(key.keySpec).family !== 'symmetric') {
    const used = (
      [
        ['importType', input.ImportType],
        ['keyMaterialId', input.KeyMaterialId],
        ['keyMaterialDescription', input.KeyMaterialDescription],
      ] as const
    ).find(([, value]) => value !== undefined);
    if (used) {
      throw new KmsError(
        'ValidationException',
        `Input parameter ${used[0]} cannot be used with ${key.keySpec} imported keys.`,
      );
    }
    return;
  }
  if (input.ImportType === 'NEW_KEY_MATERIAL' && input.KeyMaterialId !== undefined) {
    throw new KmsError(
      'ValidationException',
      'Input parameter keyMaterialId cannot be used with NEW_KEY_MATERIAL importType.',
    );
  }
  if (isReplica(key) && input.ImportType === 'NEW_KEY_MATERIAL') {
    throw new KmsError(
      'ValidationException',
      'Input parameter ImportType NEW_KEY_MATERIAL cannot be used on replica Multi-Region keys',
    );
  }
  if (isReplica(key) && input.KeyMaterialDescription !== undefined) {
    throw new KmsError(
      'ValidationException',
      'Key material description can only be specified on primary Multi-Region keys',
    );
  }
}

/** Rows 13–16: token, expiry of the token, unwrap, material format. */
function unwrap(ctx: RequestContext, key: KeyRecord, input: Input): Secret {
  const token = openImportToken(ctx.store, input.ImportToken);
  if (!token || token.keyArn !== key.arn) throw new KmsError('InvalidImportTokenException');
  if (ctx.clock.nowMs() > token.validTo) {
    throw new KmsError(
      'ExpiredImportTokenException',
      'Import token expired. Use GetParametersForImport to get a new import token and public key, use the new public key to encrypt the key material, and then try the request again.',
    );
  }
  let material: Secret;
  try {
    material = unwrapKeyMaterial({
      blob: input.EncryptedKeyMaterial,
      privateKey: token.privateKey,
      algorithm: token.wrappingAlgorithm,
    });
  } catch {
    throw new KmsError('InvalidCiphertextException');
  }
  if (!validateMaterialForKeySpec(key.keySpec, material, { hmacAcceptLonger: ctx.hmacAcceptLonger }).ok) {
    material.wipe();
    throw new KmsError('InvalidCiphertextException');
  }
  return material;
}

interface Staged {
  next: KeyRecord;
  others: Change[];
  id: string;
}

function stamp(
  ctx: RequestContext,
  key: KeyRecord,
  m: MaterialRecord,
  bytes: Buffer,
  exp: ReturnType<typeof checkExpiration>,
) {
  m.sealed = sealMaterial(ctx, key, m.id, bytes);
  m.importState = 'IMPORTED';
  m.expirationModel = exp.expirationModel;
  if (exp.validTo === undefined) delete m.validTo;
  else m.validTo = exp.validTo;
}

/** When the last replica has imported material staged on the primary, it becomes PENDING_ROTATION everywhere. */
function promoteIfAllReplicasImported(ctx: RequestContext, next: KeyRecord, id: string): Change[] {
  const primary = primaryOf(ctx, next);
  if (!primary?.multiRegion) return [];
  const replicas = primary.multiRegion.replicaRegions.map((region) =>
    region === next.region ? next : ctx.store.getKey(region, next.keyId),
  );
  const everywhere = replicas.every((r) =>
    r?.materials.some((m) => m.id === id && m.importState === 'IMPORTED'),
  );
  if (!everywhere) return [];
  const changes: Change[] = [];
  for (const record of [primary, ...replicas]) {
    if (!record) continue;
    const copy = record === next ? next : structuredClone(record);
    const entry = copy.materials.find((m) => m.id === id);
    if (entry) entry.materialState = 'PENDING_ROTATION';
    if (copy !== next) changes.push(putKey(copy));
  }
  return changes;
}

function stageSymmetric(
  ctx: RequestContext,
  key: KeyRecord,
  input: Input,
  bytes: Buffer,
  exp: ReturnType<typeof checkExpiration>,
): Staged {
  const next = draft(key);
  const id = computeMaterialId(ctx.store, key.keyId, bytes, false);
  const bound = boundMaterials(ctx, key);
  const importType = input.ImportType ?? (bound.length === 0 ? 'NEW_KEY_MATERIAL' : 'EXISTING_KEY_MATERIAL');
  if (importType === 'NEW_KEY_MATERIAL') {
    if (bound.some((m) => m.id === id)) {
      throw new KmsError(
        'IncorrectKeyMaterialException',
        `Key material (id: ${id}) being imported as NEW_KEY_MATERIAL is already associated with KMS key ${key.arn}.`,
      );
    }
    const pending = bound.find(isPending);
    if (pending) {
      throw new KmsError(
        'KMSInvalidStateException',
        `New key material (id: ${id}) cannot be imported into KMS key ${key.arn}, because another key material (id: ${pending.id}) is pending rotation.`,
      );
    }
    const hasReplicas = (next.multiRegion?.replicaRegions.length ?? 0) > 0;
    const material: MaterialRecord = {
      id,
      sealed: null,
      importState: 'IMPORTED',
      materialState:
        bound.length === 0
          ? 'CURRENT'
          : hasReplicas
            ? 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION'
            : 'PENDING_ROTATION',
      description: input.KeyMaterialDescription,
    };
    if (material.description === undefined) delete material.description;
    if (bound.length === 0) next.currentMaterialId = id;
    stamp(ctx, next, material, bytes, exp);
    next.materials.push(material);
    return { next, others: [], id };
  }
  if (input.KeyMaterialId !== undefined && (input.KeyMaterialId !== id || !bound.some((m) => m.id === id))) {
    throw incorrect(input.KeyMaterialId);
  }
  const boundEntry = bound.find((m) => m.id === id);
  if (!boundEntry)
    throw incorrect(primaryOf(ctx, key)?.currentMaterialId ?? key.currentMaterialId ?? bound[0]?.id ?? id);
  let own = next.materials.find((m) => m.id === id);
  if (!own) {
    own = { id, sealed: null, importState: 'IMPORTED', materialState: boundEntry.materialState };
    if (boundEntry.rotationDate !== undefined) own.rotationDate = boundEntry.rotationDate;
    if (boundEntry.rotationType !== undefined) own.rotationType = boundEntry.rotationType;
    next.materials.push(own);
  }
  if (input.KeyMaterialDescription !== undefined) own.description = input.KeyMaterialDescription;
  stamp(ctx, next, own, bytes, exp);
  if (!next.currentMaterialId && boundEntry.materialState === 'CURRENT') next.currentMaterialId = id;
  const others =
    isReplica(next) && boundEntry.materialState === 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION'
      ? promoteIfAllReplicasImported(ctx, next, id)
      : [];
  return { next, others, id };
}

/** HMAC and asymmetric keys take one material for life (rows 24–25). */
function stageSingle(
  ctx: RequestContext,
  key: KeyRecord,
  bytes: Buffer,
  exp: ReturnType<typeof checkExpiration>,
): Staged {
  const next = draft(key);
  const id = computeMaterialId(ctx.store, key.keyId, bytes, isAsymmetric(key.keySpec));
  const expected = boundMaterials(ctx, key)[0];
  if (expected && expected.id !== id) throw incorrect(expected.id);
  let own = next.materials[0];
  if (!own) {
    own = { id, sealed: null, importState: 'IMPORTED', materialState: 'CURRENT' };
    next.materials.push(own);
  }
  stamp(ctx, next, own, bytes, exp);
  return { next, others: [], id };
}

export const importKeyMaterial: Operation = {
  input: {
    KeyId: shapes.keyId,
    ImportToken: shapes.ciphertext,
    EncryptedKeyMaterial: shapes.ciphertext,
    ValidTo: { type: 'timestamp' },
    ExpirationModel: { type: 'string', enum: ['KEY_MATERIAL_EXPIRES', 'KEY_MATERIAL_DOES_NOT_EXPIRE'] },
    ImportType: { type: 'string', enum: ['NEW_KEY_MATERIAL', 'EXISTING_KEY_MATERIAL'] },
    KeyMaterialDescription: { type: 'string', min: 0, max: 256, pattern: /^[a-zA-Z0-9:/_\s.-]+$/ },
    KeyMaterialId: shapes.materialId,
  },
  run(ctx: RequestContext, input: Input) {
    const key = resolveKey(ctx, input.KeyId);
    assertExternal(key);
    assertState('import', key.state, key.arn);
    const expiration = checkExpiration(ctx, input.ExpirationModel, input.ValidTo);
    checkRotationMembers(key, input);
    const material = unwrap(ctx, key, input);
    try {
      const symmetric = keySpecRow(key.keySpec).family === 'symmetric';
      const { next, others, id } = material.use((bytes) =>
        symmetric
          ? stageSymmetric(ctx, key, input, bytes, expiration)
          : stageSingle(ctx, key, bytes, expiration),
      );
      if (hasAllPermanentMaterial(ctx, next)) next.state = transition(next.state, 'importComplete');
      ctx.store.commit(putKey(next), ...others);
      return { KeyId: key.arn, KeyMaterialId: symmetric ? id : undefined };
    } finally {
      material.wipe();
    }
  },
};
