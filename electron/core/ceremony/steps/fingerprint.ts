/** A witness confirms the wrapping public key's fingerprint (read aloud, or the words typed as heard). */
import { AppError } from '../../errors';
import { compareFingerprintWords } from '../../fingerprint';
import { findWitness } from '../policy';
import type { CeremonyState } from '../state';

export async function confirmFingerprint(
  s: CeremonyState,
  req: { witness: string; heardWords: string | null },
): Promise<{ matched: boolean; message: string }> {
  const params = s.params;
  if (!params)
    throw new AppError(
      'NO_PARAMETERS',
      'There is no wrapping public key to confirm.',
      'Get or load import parameters first.',
    );
  return confirmKeyFingerprint(s, req, params.info.publicKey.sha256, {}, (confirmedBy) => {
    s.fingerprintConfirmedBy = confirmedBy(s.fingerprintConfirmedBy);
  });
}

/**
 * A named witness confirms the fingerprint of the wrapping public key with SHA-256 `publicKeySha256` (hex):
 * recorded as `fingerprint.confirmed` with `details` added (a Region, for a multi-Region bundle's other
 * keys). `update(confirmedBy)` is given how the list of witnesses who confirmed this key changes: a match
 * adds the witness; a mismatch empties it, since one witness hearing other words is reason to stop and
 * compare again, whoever confirmed before. Errors: NO_CEREMONY, NOT_A_WITNESS.
 */
export async function confirmKeyFingerprint(
  s: CeremonyState,
  req: { witness: string; heardWords: string | null },
  publicKeySha256: string,
  details: Record<string, string>,
  update: (confirmedBy: (before: readonly string[]) => string[]) => void,
): Promise<{ matched: boolean; message: string }> {
  const roles = s.log ? s.roles : null;
  if (!roles)
    throw new AppError(
      'NO_CEREMONY',
      'No ceremony is started.',
      'Start a ceremony first (operator and witnesses).',
    );
  const witness = findWitness(roles, req.witness);
  if (!witness)
    throw new AppError(
      'NOT_A_WITNESS',
      `“${req.witness.trim()}” is not a witness of this ceremony${findWitness({ ...roles, witnesses: [roles.operator] }, req.witness) ? ' (the operator cannot confirm their own fingerprint)' : ''}.`,
      `A named witness confirms the fingerprint: ${roles.witnesses.join(', ')}.`,
    );
  const expected = Buffer.from(publicKeySha256, 'hex');
  const comparison = req.heardWords
    ? compareFingerprintWords(expected, req.heardWords)
    : ({ match: true } as const);
  const matched = comparison.match;
  const message = comparison.match
    ? `${witness} confirmed the wrapping public key fingerprint.`
    : comparison.message;
  await s.log?.record({
    action: 'fingerprint.confirmed',
    result: matched ? 'ok' : 'error',
    keyArn: s.key?.arn || null,
    details: {
      ...details,
      publicKeySha256,
      confirmedBy: witness,
      method: req.heardWords ? 'words typed as heard' : 'read aloud and confirmed',
      station: s.station,
    },
    ...(matched ? {} : { error: { code: 'FINGERPRINT_MISMATCH', message } }),
  });
  update((before) => (matched ? (before.includes(witness) ? [...before] : [...before, witness]) : []));
  return { matched, message };
}
