/** What a rotation in this ceremony has reached (one key at a time); part of the ceremony state (../state.ts). */
import type { RotationApprovalRequest } from './rotation-approval';

export interface RotationState {
  keyArn: string;
  approval: { request: RotationApprovalRequest; digest: string; approvedBy: string[] } | null;
  /** Set once RotateKeyOnDemand was accepted: a probe encrypted under the old material, kept for the proof. */
  started: {
    at: string;
    fromKeyMaterialId: string;
    toKeyMaterialId: string;
    probe: Buffer;
    probeCiphertext: Buffer;
  } | null;
  completedAt: string | null;
}
