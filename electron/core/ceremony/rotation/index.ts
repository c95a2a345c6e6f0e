/**
 * Rotation of imported material (issue 13; spec §1.6, §1.7, §1.11): list the key's materials, check the
 * refusals, stage NEW_KEY_MATERIAL through the usual import step (`newKeyMaterial` in its request), witness
 * approval of RotateKeyOnDemand, the wait and the proof. Functions of the ceremony state (../state.ts).
 */
import { AppError } from '../../errors';
import type { CeremonyState } from '../state';
import { rotationRefusal } from './refusals';
import { rotationFacts } from './rotation-facts';

export { listKeyMaterials, type KeyMaterialEntry } from './key-materials';
export { approveRotation, requestRotationApproval, type RotationApprovalStatus } from './rotation-approval';
export {
  proveRotation,
  rotateKeyOnDemand,
  waitForRotation,
  type RotationProgress,
  type RotationProof,
} from './rotate';
export { checkedDescription } from './new-material';

/**
 * Whether the selected key can start a rotation ceremony now (before any material is made or imported).
 * @throws the refusal, in words (AppError ROTATION_…): see ./refusals.ts.
 */
export async function checkRotation(
  s: CeremonyState,
): Promise<{ currentKeyMaterialId: string | null; multiRegionType: string | null }> {
  const facts = await rotationFacts(s);
  const refusal = rotationRefusal(facts, 'start');
  if (refusal) throw refusal;
  if (!facts.currentKeyMaterialId) {
    throw new AppError(
      'ROTATION_NO_MATERIAL',
      `${facts.keyArn} has no current material.`,
      'Import its material first.',
    );
  }
  return { currentKeyMaterialId: facts.currentKeyMaterialId, multiRegionType: facts.multiRegionType };
}
