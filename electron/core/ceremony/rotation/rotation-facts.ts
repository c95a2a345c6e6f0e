/** Reads what the rotation refusals need from KMS: DescribeKey, ListKeyRotations, GetKeyRotationStatus. */
import { gateway, requireKey, type CeremonyState } from '../state';
import { keyMaterialsListable } from '../../kms/gateway';
import { listKeyMaterials } from './key-materials';
import type { RotationFacts } from './refusals';

export async function rotationFacts(
  s: CeremonyState,
): Promise<RotationFacts & { currentKeyMaterialId: string | null }> {
  const key = requireKey(s);
  const gw = gateway(s);
  const meta = await gw.describeKey(key.keyId);
  const symmetric = meta.KeySpec === 'SYMMETRIC_DEFAULT';
  const listable = symmetric && keyMaterialsListable(meta.KeyState);
  const started = listable ? await gw.onDemandRotationStartDate(key.keyId) : null;
  return {
    keyArn: meta.Arn ?? key.arn,
    keySpec: meta.KeySpec ?? '',
    keyState: meta.KeyState ?? 'Unknown',
    origin: meta.Origin ?? '',
    multiRegionType: meta.MultiRegionConfiguration?.MultiRegionKeyType ?? null,
    primaryRegion: meta.MultiRegionConfiguration?.PrimaryKey?.Region ?? null,
    materials: listable ? await listKeyMaterials(s) : [],
    rotationStartedAt: started?.toISOString() ?? null,
    currentKeyMaterialId: meta.CurrentKeyMaterialId ?? null,
  };
}
