/** The ImportKeyMaterial expiration rules (spec §1.4), checked before KMS sees them so the error is ours and clear. */
import { AppError } from '../errors';

export const MAX_VALID_DAYS = 365;
const DAY_MS = 86_400_000;

export function checkValidTo(validTo: Date, now: Date): void {
  if (Number.isNaN(validTo.getTime())) {
    throw new AppError(
      'BAD_VALID_TO',
      'The Valid to date could not be read.',
      'Pick a date and time in the picker.',
    );
  }
  if (validTo.getTime() <= now.getTime()) {
    throw new AppError(
      'BAD_VALID_TO',
      `Valid to (${validTo.toISOString()}) is not in the future (now: ${now.toISOString()}).`,
      'Pick a date in the future, at most 365 days ahead.',
    );
  }
  if (validTo.getTime() > now.getTime() + MAX_VALID_DAYS * DAY_MS) {
    throw new AppError(
      'BAD_VALID_TO',
      `Valid to (${validTo.toISOString()}) is more than ${MAX_VALID_DAYS} days ahead; KMS allows at most ${MAX_VALID_DAYS}.`,
      'Pick an earlier date, or choose “Key material does not expire” with a written justification.',
    );
  }
}
