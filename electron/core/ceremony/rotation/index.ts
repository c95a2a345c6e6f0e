/**
 * Rotation of imported material (issue 13; spec §1.6, §1.7, §1.11): list the key's materials, check the
 * refusals, stage NEW_KEY_MATERIAL through the usual import step (`newKeyMaterial` in its request), witness
 * approval of RotateKeyOnDemand, the wait and the proof. Functions of the ceremony state (../state.ts).
 */
export { beginRotation, checkRotation, describeRotation, type ContinueOption } from './begin';
export { listKeyMaterials, type KeyMaterialEntry } from './key-materials';
export { approveRotation, requestRotationApproval, type RotationApprovalStatus } from './rotation-approval';
export {
  pollRotation,
  proveRotation,
  rotateKeyOnDemand,
  waitForRotation,
  type RotationProgress,
  type RotationProof,
} from './rotate';
export { checkedDescription } from './new-material';
export { rotationRegions, type RotationRegions } from './rotation-regions';
