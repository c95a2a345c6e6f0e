/** A witness confirms the wrapping public key's fingerprint (read aloud, or the words typed as heard). */
import { AppError } from '../../errors';
import { compareFingerprintWords } from '../../fingerprint';
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
  const expected = Buffer.from(params.info.publicKey.sha256, 'hex');
  const comparison = req.heardWords
    ? compareFingerprintWords(expected, req.heardWords)
    : ({ match: true } as const);
  const matched = comparison.match;
  const message = comparison.match
    ? `${req.witness} confirmed the wrapping public key fingerprint.`
    : comparison.message;
  await s.log?.record({
    action: 'fingerprint.confirmed',
    result: matched ? 'ok' : 'error',
    keyArn: s.key?.arn || null,
    details: {
      publicKeySha256: params.info.publicKey.sha256,
      confirmedBy: req.witness,
      method: req.heardWords ? 'words typed as heard' : 'read aloud and confirmed',
      station: s.station,
    },
    ...(matched ? {} : { error: { code: 'FINGERPRINT_MISMATCH', message } }),
  });
  return { matched, message };
}
