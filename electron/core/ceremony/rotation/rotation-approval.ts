/**
 * Witness approval of RotateKeyOnDemand, as for the import (../approval.ts): main computes exactly what
 * the rotation does — which key, from which material to which — and its digest; each witness approves that
 * digest by name (a transcript event). An approval counts only while a fresh reading of KMS gives the same
 * request: other pending material, or a rotation already done, voids it.
 */
import { AppError } from '../../errors';
import { approvingWitness, digestOf } from '../approval';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import { requireKey, requireLog, type CeremonyState } from '../state';
import { isPendingMaterial } from './key-materials';
import { rotationRefusal } from './refusals';
import { rotationFacts } from './rotation-facts';

export interface RotationApprovalRequest {
  operation: 'RotateKeyOnDemand';
  keyArn: string;
  aliases: string[];
  region: string;
  account: string;
  fromKeyMaterialId: string;
  toKeyMaterialId: string;
  toKeyMaterialDescription: string | null;
  /** Check value of the new material when this ceremony imported it, else null. */
  toCheckValue: string | null;
  /** ValidTo of the new material (ISO) or null when it does not expire. */
  toValidTo: string | null;
}

export interface RotationApprovalStatus {
  request: RotationApprovalRequest;
  digest: string;
  approvedBy: string[];
  needed: number;
}

/** The request as KMS stands now. @throws the refusal (AppError ROTATION_…) when a rotation cannot go ahead. */
export async function currentRotationRequest(s: CeremonyState): Promise<RotationApprovalRequest> {
  const key = requireKey(s);
  const facts = await rotationFacts(s);
  const refusal = rotationRefusal(facts, 'rotate');
  if (refusal) throw refusal;
  const next = facts.materials.find(isPendingMaterial)!;
  const imported = [...s.imports].reverse().find((i) => i.keyId === key.keyId);
  return {
    operation: 'RotateKeyOnDemand',
    keyArn: facts.keyArn,
    aliases: key.aliases,
    region: s.conn?.region ?? '',
    account: s.conn?.account ?? '',
    fromKeyMaterialId: facts.currentKeyMaterialId ?? '',
    toKeyMaterialId: next.keyMaterialId,
    toKeyMaterialDescription: next.description,
    toCheckValue:
      s.rotation?.staged?.keyMaterialId === next.keyMaterialId
        ? s.rotation.staged.checkValue
        : s.imported?.keyMaterialId === next.keyMaterialId
          ? (imported?.checkValue ?? null)
          : null,
    toValidTo: next.validTo,
  };
}

function status(s: CeremonyState): RotationApprovalStatus | null {
  const approval = s.rotation?.approval;
  if (!approval) return null;
  return { ...approval, approvedBy: [...approval.approvedBy], needed: s.roles?.approvals ?? 1 };
}

export async function requestRotationApproval(s: CeremonyState): Promise<RotationApprovalStatus> {
  enforce(policyFacts(s), 'rotation.approve');
  const log = requireLog(s);
  const request = await currentRotationRequest(s);
  const digest = digestOf(request);
  if (s.rotation?.approval?.digest === digest) return status(s)!;
  await log.record({
    action: 'rotation.approval-requested',
    result: 'info',
    keyArn: request.keyArn,
    details: { approvalSha256: digest, ...request },
  });
  s.rotation = {
    keyArn: request.keyArn,
    begun: s.rotation?.keyArn === request.keyArn ? s.rotation.begun : null,
    staged: s.rotation?.keyArn === request.keyArn ? s.rotation.staged : null,
    approval: { request, digest, approvedBy: [] },
    started: null,
    completedAt: null,
    provenStatements: null,
  };
  return status(s)!;
}

export async function approveRotation(
  s: CeremonyState,
  req: { witness: string; digest: string },
): Promise<RotationApprovalStatus> {
  enforce(policyFacts(s), 'rotation.approve');
  const log = requireLog(s);
  const approval = s.rotation?.approval;
  if (!approval || approval.digest !== req.digest) {
    throw new AppError(
      'APPROVAL_STALE',
      'The rotation request shown is not the one in force.',
      'Show the rotation request again and have each witness check it anew.',
    );
  }
  const witness = approvingWitness(s, req.witness);
  if (!approval.approvedBy.includes(witness)) {
    await log.record({
      action: 'rotation.approved',
      result: 'ok',
      keyArn: approval.request.keyArn,
      details: { approvedBy: witness, approvalSha256: approval.digest, ...approval.request },
    });
    approval.approvedBy.push(witness);
  }
  return status(s)!;
}

/**
 * The approvals that hold for what RotateKeyOnDemand would do now. The quorum itself is the policy table's
 * (row rotation.rotate, condition rotation-approved); this adds what only a fresh reading of KMS can tell.
 * @throws AppError APPROVAL_STALE when KMS changed since the witnesses approved, or the rotation's refusal.
 */
export async function requireRotationApproved(s: CeremonyState): Promise<RotationApprovalStatus> {
  const request = await currentRotationRequest(s);
  const current = status(s);
  if (!current || current.digest !== digestOf(request)) {
    throw new AppError(
      'APPROVAL_STALE',
      'The key’s materials changed since the witnesses approved the rotation, so their approvals are void.',
      'Show the rotation request again and have each witness check it anew.',
    );
  }
  return current;
}
