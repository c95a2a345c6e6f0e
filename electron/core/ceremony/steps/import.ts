/** Step Import: ImportKeyMaterial with the expiration model and ValidTo (at most 365 days, spec §1.4). */
import { AppError } from '../../errors';
import type { ImportResult } from '../../../shared/ipc-contract';
import { approvalDigest, approvalsFor, buildApprovalRequest } from '../approval';
import { checkValidTo } from '../expiration';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import {
  gateway,
  kmsIntent,
  now,
  requireFreshParameters,
  requireKey,
  runStep,
  type CeremonyState,
} from '../state';
import type { Details } from '../transcript-details';
import { replicaMaterialError } from '../multi-region/replica-errors';
import { newMaterialDetails } from '../rotation/new-material';
import { requireStagedMaterialInReplica } from '../rotation/rotation-regions';
import { describeKey } from './key';

export type ImportRequest = (
  | { expirationModel: 'KEY_MATERIAL_EXPIRES'; validTo: string }
  | { expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE'; justification: string }
) &
  NewKeyMaterialOption;

/**
 * Rotation (spec §1.4 ImportType, §1.11): stage the material as NEW_KEY_MATERIAL (PENDING_ROTATION, to be
 * made current by RotateKeyOnDemand) instead of importing the key's own material. See ../rotation/.
 */
export interface NewKeyMaterialOption {
  newKeyMaterial?: { description: string | null };
}

/**
 * Refused (typed, nothing sent) unless the quorum of witnesses approved exactly these values (see
 * ../approval.ts), and, into a key this ceremony already imported into, unless `reimport` confirms it.
 */
export async function importKeyMaterial(
  s: CeremonyState,
  req: ImportRequest,
  confirm: { reimport?: boolean } = {},
): Promise<ImportResult> {
  const reimport = enforce(policyFacts(s, req), 'import', confirm.reimport ? { confirmed: true } : null);
  const key = requireKey(s);
  const params = requireFreshParameters(s);
  const wrapped = s.wrapped;
  if (!wrapped)
    throw new AppError('NOT_WRAPPED', 'The key material is not wrapped yet.', 'Wrap it first (step Wrap).');
  if (!params.importToken) {
    throw new AppError(
      'NO_TOKEN',
      'This station does not hold the import token.',
      'Import on the online station.',
    );
  }
  const validTo = req.expirationModel === 'KEY_MATERIAL_EXPIRES' ? new Date(req.validTo) : null;
  if (validTo) checkValidTo(validTo, now(s));
  const approval = buildApprovalRequest(s, req);
  const stagedInPrimary = requireStagedMaterialInReplica(s, approval.checkValue.value);
  const staged: { importType?: 'NEW_KEY_MATERIAL'; keyMaterialDescription?: string | null } =
    newMaterialDetails(req);
  const replaced = [...s.imports].reverse().find((i) => i.keyId === key.keyId)?.checkValue;
  const details: Details = {
    expirationModel: req.expirationModel,
    validTo: validTo?.toISOString() ?? null,
    justification: req.expirationModel === 'KEY_MATERIAL_DOES_NOT_EXPIRE' ? req.justification : null,
    encryptedKeyMaterialSha256: wrapped.info.sha256,
    importTokenSha256: params.info.importTokenSha256,
    checkValue: approval.checkValue.value,
    approvalSha256: approvalDigest(approval),
    approvedBy: approvalsFor(s, req),
    ...staged,
    ...(stagedInPrimary ? { importType: 'EXISTING_KEY_MATERIAL', keyMaterialId: stagedInPrimary } : {}),
    ...(reimport ? { reimportConfirmed: true, replacesCheckValue: replaced ?? null } : {}),
  };
  const gw = gateway(s);
  await kmsIntent(s, 'ImportKeyMaterial', details);
  const { keyMaterialId } = await runStep(
    s,
    'material.imported',
    details,
    () =>
      gw
        .importKeyMaterial({
          keyId: key.keyId,
          importToken: params.importToken!,
          encryptedKeyMaterial: wrapped.blob,
          expirationModel: req.expirationModel,
          validTo,
          ...(staged.importType ? { importType: staged.importType } : {}),
          ...(staged.keyMaterialDescription ? { keyMaterialDescription: staged.keyMaterialDescription } : {}),
          // A replica during a rotation: only the material staged on the primary (spec §4.1 row 19).
          ...(stagedInPrimary
            ? { importType: 'EXISTING_KEY_MATERIAL' as const, keyMaterialId: stagedInPrimary }
            : {}),
        })
        .catch((error: unknown) => {
          throw replicaMaterialError(s, error);
        }),
    (r) => ({ keyMaterialId: r.keyMaterialId }),
  );
  s.imports.push({ keyId: key.keyId, checkValue: approval.checkValue.value });
  const after = await describeKey(s, key.keyId, 'keep');
  s.imported = {
    keyId: key.keyId,
    keyState: after.keyState ?? 'Unknown',
    // Staged NEW material is not the key's current material yet: DescribeKey's expiry is the old one's.
    expirationModel: staged.importType ? req.expirationModel : (after.expirationModel ?? req.expirationModel),
    validTo: staged.importType ? (validTo?.toISOString() ?? null) : after.validTo,
    keyMaterialId: keyMaterialId ?? after.currentKeyMaterialId,
    importedAt: now(s).toISOString(),
  };
  s.verification = null;
  if (staged.importType && s.rotation?.keyArn === key.arn && keyMaterialId)
    s.rotation.staged = { keyMaterialId, checkValue: approval.checkValue.value, at: s.imported.importedAt };
  return s.imported;
}
