/** Step Import: ImportKeyMaterial with the expiration model and ValidTo (at most 365 days, spec §1.4). */
import { AppError } from '../../errors';
import type { ImportResult } from '../../../shared/ipc-contract';
import { checkValidTo } from '../expiration';
import { gateway, now, requireFreshParameters, requireKey, runStep, type CeremonyState } from '../state';
import type { Details } from '../transcript-details';
import { describeKey } from './key';

export type ImportRequest =
  | { expirationModel: 'KEY_MATERIAL_EXPIRES'; validTo: string }
  | { expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE'; justification: string };

export async function importKeyMaterial(s: CeremonyState, req: ImportRequest): Promise<ImportResult> {
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
  const details: Details = {
    expirationModel: req.expirationModel,
    validTo: validTo?.toISOString() ?? null,
    justification: req.expirationModel === 'KEY_MATERIAL_DOES_NOT_EXPIRE' ? req.justification : null,
    encryptedKeyMaterialSha256: wrapped.info.sha256,
    importTokenSha256: params.info.importTokenSha256,
  };
  const { keyMaterialId } = await runStep(
    s,
    'material.imported',
    details,
    () =>
      gateway(s).importKeyMaterial({
        keyId: key.keyId,
        importToken: params.importToken!,
        encryptedKeyMaterial: wrapped.blob,
        expirationModel: req.expirationModel,
        validTo,
      }),
    (r) => ({ keyMaterialId: r.keyMaterialId }),
  );
  const after = await describeKey(s, key.keyId);
  s.imported = {
    keyId: key.keyId,
    keyState: after.keyState ?? 'Unknown',
    expirationModel: after.expirationModel ?? req.expirationModel,
    validTo: after.validTo,
    keyMaterialId: keyMaterialId ?? after.currentKeyMaterialId,
    importedAt: now(s).toISOString(),
  };
  s.verification = null;
  return s.imported;
}
