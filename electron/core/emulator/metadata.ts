import { keyArn, type EmulatorContext } from './context';
import { keySpecRow } from './key-specs';
import type { KeyRecord } from './store/records';
import { toWireTime } from './wire';

/**
 * KeyMetadata as DescribeKey/CreateKey return it, with the presence rules observed in AWS (spec §1.2):
 * ExpirationModel/ValidTo only while current material is imported; CurrentKeyMaterialId only for symmetric
 * keys, persisting through PendingImport; algorithm lists only for the key's usage.
 */
export function keyMetadata(ctx: EmulatorContext, key: KeyRecord): Record<string, unknown> {
  const row = keySpecRow(key.keySpec);
  const current = key.materials.find((m) => m.materialState === 'CURRENT' && m.importState === 'IMPORTED');
  const external = key.origin === 'EXTERNAL';
  const mr = key.multiRegion;
  const primary = mr && (mr.type === 'PRIMARY' ? key : ctx.store.getKey(mr.primaryRegion, key.keyId));
  return {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: toWireTime(key.creationDate),
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
    DeletionDate: key.state === 'PendingDeletion' ? toWireTime(key.deletionDate) : undefined,
    ValidTo:
      external && current?.expirationModel === 'KEY_MATERIAL_EXPIRES'
        ? toWireTime(current.validTo)
        : undefined,
    Origin: key.origin,
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: key.keySpec.startsWith('ML_DSA') ? undefined : key.keySpec,
    KeySpec: key.keySpec,
    EncryptionAlgorithms: key.keyUsage === 'ENCRYPT_DECRYPT' ? row.encryptionAlgorithms : undefined,
    SigningAlgorithms: key.keyUsage === 'SIGN_VERIFY' ? row.signingAlgorithms : undefined,
    KeyAgreementAlgorithms: key.keyUsage === 'KEY_AGREEMENT' ? row.keyAgreementAlgorithms : undefined,
    MacAlgorithms: key.keyUsage === 'GENERATE_VERIFY_MAC' ? row.macAlgorithms : undefined,
    MultiRegion: mr !== undefined,
    MultiRegionConfiguration: mr && {
      MultiRegionKeyType: mr.type,
      PrimaryKey: { Arn: keyArn(ctx, mr.primaryRegion, key.keyId), Region: mr.primaryRegion },
      ReplicaKeys: (primary?.multiRegion?.replicaRegions ?? []).map((region) => ({
        Arn: keyArn(ctx, region, key.keyId),
        Region: region,
      })),
    },
    PendingDeletionWindowInDays: key.state === 'PendingReplicaDeletion' ? key.pendingWindowInDays : undefined,
    ExpirationModel: external ? current?.expirationModel : undefined,
    CurrentKeyMaterialId: row.family === 'symmetric' ? currentMaterialIdFor(ctx, key) : undefined,
  };
}

/** On a replica, CurrentKeyMaterialId shows the primary's current ID even while the replica is PendingImport. */
function currentMaterialIdFor(ctx: EmulatorContext, key: KeyRecord): string | undefined {
  if (key.multiRegion?.type === 'REPLICA') {
    return (
      ctx.store.getKey(key.multiRegion.primaryRegion, key.keyId)?.currentMaterialId ?? key.currentMaterialId
    );
  }
  return key.currentMaterialId;
}
