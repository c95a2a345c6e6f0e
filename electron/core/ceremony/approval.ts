/**
 * Witness approval of the import. Main computes the approval request — exactly what ImportKeyMaterial
 * will send and bind, irreversibly — and its digest; each witness approves that digest by name, which is
 * a transcript event carrying the values. An approval counts only while the import would send the same
 * values: a new wrap, another expiry or another key gives another digest, and the approvals are void.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { findWitness } from './policy';
import { now, requireLog, type CeremonyState } from './state';
import type { ImportRequest } from './steps/import';
import { checkValidTo } from './expiration';
import { newMaterialDetails } from './rotation/new-material';
import type { Details } from './transcript-details';

/** What the witnesses approve; every field is what KMS receives or what the material is. */
export interface ApprovalRequest {
  keyArn: string;
  aliases: string[];
  region: string;
  account: string;
  keySpec: string;
  wrappingAlgorithm: string;
  wrappingKeySpec: string;
  /** SHA-256 (hex) of the EncryptedKeyMaterial blob that will be sent. */
  encryptedKeyMaterialSha256: string;
  importTokenSha256: string;
  /** Check value of the wrapped material (AES-CMAC / HMAC KCV / SHA-256 of the public key). */
  checkValue: { kind: string; value: string };
  expirationModel: ImportRequest['expirationModel'];
  /** ISO 8601 UTC, or null when the material does not expire. */
  validTo: string | null;
  justification: string | null;
  /** Present only when the material is staged for a rotation (../rotation/new-material.ts). */
  importType?: 'NEW_KEY_MATERIAL';
  keyMaterialDescription?: string | null;
}

export interface ApprovalStatus {
  request: ApprovalRequest;
  /** SHA-256 (hex) of the request's canonical JSON: what each approval is bound to. */
  digest: string;
  approvedBy: string[];
  needed: number;
  /** False once a value changed since the request was computed (its approvals are void). */
  valid: boolean;
}

/** The request as transcript details (digest fields named …Sha256, flat check value). */
function approvalDetails(request: ApprovalRequest, digest: string): Details {
  const { checkValue, ...rest } = request;
  return { approvalSha256: digest, ...rest, checkValueKind: checkValue.kind, checkValue: checkValue.value };
}

/** Canonical JSON (sorted keys) so that equal values always give the same digest. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function approvalDigest(request: ApprovalRequest): string {
  return digestOf(request);
}

/** SHA-256 (hex) of a value's canonical JSON: what any approval (import, rotation) is bound to. */
export function digestOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

/**
 * The request for this import as the state stands now. Throws (typed) when there is nothing to approve
 * yet: no connection, key, parameters or wrap, or a ValidTo KMS would refuse (spec §1.4: at most 365 days).
 */
export function buildApprovalRequest(s: CeremonyState, req: ImportRequest): ApprovalRequest {
  const { conn, key, params, wrapped } = s;
  if (!conn || !key || !params)
    throw new AppError(
      'NOTHING_TO_APPROVE',
      'There is no import to approve yet: connect, choose the key and get import parameters first.',
      'Go back to the step that is missing.',
    );
  if (!wrapped)
    throw new AppError('NOT_WRAPPED', 'The key material is not wrapped yet.', 'Wrap it first (step Wrap).');
  const cv = s.material?.info.checkValue ?? wrapped.offlineCheckValue;
  if (!cv)
    throw new AppError('NO_MATERIAL', 'No check value is known for the wrapped material.', 'Wrap it again.');
  const validTo = req.expirationModel === 'KEY_MATERIAL_EXPIRES' ? new Date(req.validTo) : null;
  if (validTo) checkValidTo(validTo, now(s));
  return {
    keyArn: key.arn,
    aliases: key.aliases,
    region: conn.region,
    account: conn.account,
    keySpec: key.keySpec ?? '',
    wrappingAlgorithm: params.info.wrappingAlgorithm,
    wrappingKeySpec: params.info.wrappingKeySpec,
    encryptedKeyMaterialSha256: wrapped.info.sha256,
    importTokenSha256: params.info.importTokenSha256,
    checkValue: { kind: cv.kind, value: cv.value },
    expirationModel: req.expirationModel,
    validTo: validTo?.toISOString() ?? null,
    justification: req.expirationModel === 'KEY_MATERIAL_DOES_NOT_EXPIRE' ? req.justification : null,
    ...newMaterialDetails(req),
  };
}

/** The pending request's status, with only the approvals that still match what would be sent. */
export function approvalStatus(s: CeremonyState): ApprovalStatus | null {
  const pending = s.approval;
  if (!pending) return null;
  let current: string | null = null;
  try {
    current = approvalDigest(buildApprovalRequest(s, pending.importRequest));
  } catch {
    current = null; // nothing to import any more (e.g. new parameters, material cleared): void
  }
  const valid = current === pending.digest;
  return {
    request: pending.request,
    digest: pending.digest,
    approvedBy: valid ? pending.approvedBy : [],
    needed: s.roles?.approvals ?? 1,
    valid,
  };
}

/** Witnesses whose approval is bound to exactly what `req` would send now. */
export function approvalsFor(s: CeremonyState, req: ImportRequest | null): string[] {
  const pending = s.approval;
  if (!pending || !req) return approvalStatus(s)?.approvedBy ?? [];
  try {
    return approvalDigest(buildApprovalRequest(s, req)) === pending.digest
      ? (approvalStatus(s)?.approvedBy ?? [])
      : [];
  } catch {
    return [];
  }
}

/** Computes the request for these values and opens it for approval; a different request voids earlier approvals. */
export async function requestImportApproval(s: CeremonyState, req: ImportRequest): Promise<ApprovalStatus> {
  const log = requireLog(s);
  const request = buildApprovalRequest(s, req);
  const digest = approvalDigest(request);
  const before = approvalStatus(s);
  if (before?.digest === digest) return before;
  if (s.approval?.approvedBy.length)
    await log.record({
      action: 'import.approvals-voided',
      result: 'info',
      keyArn: s.key?.arn || null,
      details: {
        approvalSha256: s.approval.digest,
        approvedBy: s.approval.approvedBy,
        replacedByApprovalSha256: digest,
      },
    });
  await log.record({
    action: 'import.approval-requested',
    result: 'info',
    keyArn: s.key?.arn || null,
    details: approvalDetails(request, digest),
  });
  s.approval = { request, digest, importRequest: req, approvedBy: [] };
  return approvalStatus(s)!;
}

/** A named witness approves the request with this digest (what they were shown). */
export async function approveImport(
  s: CeremonyState,
  req: { witness: string; digest: string },
): Promise<ApprovalStatus> {
  const log = requireLog(s);
  const status = approvalStatus(s);
  if (!status?.valid || status.digest !== req.digest)
    throw new AppError(
      'APPROVAL_STALE',
      'The approval request shown is not the one in force: a value changed (wrap, expiry or key) since it was computed.',
      'Show the approval request again and have each witness check it anew.',
    );
  const witness = approvingWitness(s, req.witness);
  if (status.approvedBy.includes(witness)) return status;
  await log.record({
    action: 'import.approved',
    result: 'ok',
    keyArn: s.key?.arn || null,
    details: { approvedBy: witness, ...approvalDetails(status.request, status.digest) },
  });
  s.approval!.approvedBy = [...status.approvedBy, witness];
  return approvalStatus(s)!;
}

/** The witness named (as the roles spell it). @throws AppError NOT_A_WITNESS (the operator cannot approve). */
export function approvingWitness(s: CeremonyState, name: string): string {
  const witness = findWitness(s.roles!, name);
  if (!witness)
    throw new AppError(
      'NOT_A_WITNESS',
      `“${name}” is not a witness of this ceremony (the operator cannot approve).`,
      `Approvals come from the named witnesses: ${s.roles!.witnesses.join(', ')}.`,
    );
  return witness;
}
