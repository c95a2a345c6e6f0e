/** The ImportKeyMaterial expiration rules (in the future, at most 365 days ahead), checked before main does. */
export const MAX_DAYS = 365;
export const PRESET_DAYS = [30, 90, 180, 365] as const;
const DAY_MS = 86_400_000;

export type Expiration =
  | { model: 'KEY_MATERIAL_EXPIRES'; validTo: Date | null }
  | { model: 'KEY_MATERIAL_DOES_NOT_EXPIRE'; justification: string };

/** A preset, floored to the minute so it is still within 365 days when it reaches KMS. */
export function presetValidTo(days: number, now: number): Date {
  const t = now + days * DAY_MS;
  return new Date(t - (t % 60_000));
}

/** The latest ValidTo KMS accepts now (365 days ahead, floored to the minute the picker offers). */
export function latestValidTo(now: number): Date {
  return presetValidTo(MAX_DAYS, now);
}

export function validToProblem(validTo: Date | null, now: number): string | null {
  if (!validTo || Number.isNaN(validTo.getTime())) return 'Pick a date and time.';
  if (validTo.getTime() <= now) return 'Valid to must be in the future.';
  if (validTo.getTime() > now + MAX_DAYS * DAY_MS) return `Valid to must be at most ${MAX_DAYS} days ahead.`;
  return null;
}

export const MIN_JUSTIFICATION = 10;

export function expirationProblem(e: Expiration, now: number): string | null {
  if (e.model === 'KEY_MATERIAL_EXPIRES') return validToProblem(e.validTo, now);
  return e.justification.trim().length >= MIN_JUSTIFICATION
    ? null
    : `Write a justification of at least ${MIN_JUSTIFICATION} characters.`;
}
