import { AppError } from '../errors';
import { hexValue } from './hex-groups';

/**
 * A check value as a custodian writes it down: 6 hex digits (3 bytes, the KCV length of ANSI X9.24-1 and
 * PCI PIN Requirement 15-1), spaces and case ignored. Returns upper-case hex (check values are not secret).
 */
export function parseCheckValueText(typed: string, who: string): string {
  const value = typed.replace(/[\s-]/g, '').toUpperCase();
  if (value.length !== 6 || [...value].some((c) => hexValue(c.charCodeAt(0)) < 0)) {
    throw new AppError(
      'BAD_CHECK_VALUE',
      `${who}: the check value must be 6 hex digits (e.g. 8A3F1C); ${value.length} characters were given.`,
      "Copy the check value from the custodian's component form.",
    );
  }
  return value;
}
