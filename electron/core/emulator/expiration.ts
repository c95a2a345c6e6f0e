import type { RequestContext } from './context';
import { KmsError } from './errors';
import type { ExpirationModel } from './store/records';

/** ExpirationModel / ValidTo rules of ImportKeyMaterial (spec §4.1 rows 5–8), with KMS's exact messages. */
export const MAX_VALID_TO_MS = 365 * 24 * 60 * 60 * 1000;

export function checkExpiration(
  ctx: RequestContext,
  model: ExpirationModel | undefined,
  validToSeconds: number | undefined,
): { expirationModel: ExpirationModel; validTo?: number } {
  const expirationModel = model ?? 'KEY_MATERIAL_EXPIRES';
  if (expirationModel === 'KEY_MATERIAL_DOES_NOT_EXPIRE') {
    if (validToSeconds !== undefined) {
      throw new KmsError(
        'ValidationException',
        'A validTo date cannot be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE',
      );
    }
    return { expirationModel };
  }
  if (validToSeconds === undefined) {
    throw new KmsError(
      'ValidationException',
      'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES',
    );
  }
  const now = ctx.clock.nowMs();
  // KMS keeps whole seconds (observed: fractions are truncated in responses).
  const validTo = Math.floor(validToSeconds) * 1000;
  if (validToSeconds * 1000 <= now)
    throw new KmsError('ValidationException', 'ValidTo must be in the future');
  if (validToSeconds * 1000 > now + MAX_VALID_TO_MS) {
    throw new KmsError('ValidationException', 'ValidTo must be less than 365 days in the future');
  }
  return { expirationModel, validTo };
}
