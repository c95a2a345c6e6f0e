/** What a rotation in this ceremony has reached (one key at a time); part of the ceremony state (../state.ts). */
import type { RotationApprovalRequest } from './rotation-approval';

export interface RotationState {
  keyArn: string;
  /** Set when the officers began a rotation ceremony on the key (./begin.ts): its material is NEW, and the record says so. */
  begun: { at: string; fromKeyMaterialId: string } | null;
  /**
   * The NEW material this ceremony imported into the key (NEW_KEY_MATERIAL): what a multi-Region rotation
   * then imports into every replica (spec §4.4 step 6), while the steps act in other Regions.
   */
  staged: { keyMaterialId: string; checkValue: string | null; at: string } | null;
  approval: { request: RotationApprovalRequest; digest: string; approvedBy: string[] } | null;
  /** Set once RotateKeyOnDemand was accepted: a probe encrypted under the old material, kept for the proof. */
  started: {
    at: string;
    /** This machine's clock (ms) when KMS accepted the call: what elapsed time is counted from. */
    acceptedAtMs: number;
    fromKeyMaterialId: string;
    toKeyMaterialId: string;
    probe: Buffer;
    probeCiphertext: Buffer;
  } | null;
  completedAt: string | null;
  /** The proof's sentences once the rotation was proven (./rotate.ts proveRotation). */
  provenStatements: string[] | null;
}
