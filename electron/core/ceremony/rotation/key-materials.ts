/**
 * The selected key's materials as KMS lists them (ListKeyRotations, ALL_KEY_MATERIAL, spec §1.6): what the
 * key screen shows and what the rotation refusals read. Read-only.
 */
import type { RotationsListEntry } from '@aws-sdk/client-kms';
import type { KeyMaterialEntry } from '../../../shared/ipc-contract';
import { gateway, requireKey, type CeremonyState } from '../state';

export type { KeyMaterialEntry };

export const isPendingMaterial = (m: KeyMaterialEntry) => m.keyMaterialState?.startsWith('PENDING_') ?? false;

export function toKeyMaterialEntry(e: RotationsListEntry): KeyMaterialEntry {
  return {
    keyMaterialId: e.KeyMaterialId ?? '',
    description: e.KeyMaterialDescription ?? null,
    importState: e.ImportState ?? null,
    keyMaterialState: e.KeyMaterialState ?? null,
    expirationModel: e.ExpirationModel ?? null,
    validTo: e.ValidTo?.toISOString() ?? null,
    rotationDate: e.RotationDate?.toISOString() ?? null,
    rotationType: e.RotationType ?? null,
  };
}

/**
 * The selected key's materials, first to newest. Symmetric keys only (KMS answers ValidationException for
 * others, spec §1.6): other keys have one material for life, shown by DescribeKey. @throws AppError.
 */
export async function listKeyMaterials(s: CeremonyState): Promise<KeyMaterialEntry[]> {
  const key = requireKey(s);
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') return [];
  return (await gateway(s).listKeyMaterials(key.keyId)).map(toKeyMaterialEntry);
}
