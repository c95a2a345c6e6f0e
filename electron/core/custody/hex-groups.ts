import { AppError } from '../errors';

/**
 * Reads hex typed by a person in groups ("8F3A 21C0 9B7D …", spaces, tabs, newlines and '-' between groups)
 * straight from the typed bytes into a Buffer.alloc'd buffer the caller wipes: the digits never become a JS
 * string. Errors give positions and counts, never the digits. `who` names the custodian in every message.
 */
export function parseHexGroups(typed: Uint8Array, who: string, expectedBytes?: number): Buffer {
  let digits = 0;
  for (let i = 0; i < typed.length; i++) {
    const c = typed[i]!;
    if (isSeparator(c)) continue;
    if (hexValue(c) < 0) {
      throw new AppError(
        'BAD_HEX',
        `${who}: character ${i + 1} is not a hex digit (0-9, A-F)${printable(c)}.`,
        'Retype the value in hex groups, e.g. 8F3A 21C0 …; letters O and I are digits 0 and 1.',
      );
    }
    digits++;
  }
  if (digits === 0)
    throw new AppError('BAD_HEX', `${who}: nothing was entered.`, 'Type the value in hex groups.');
  if (digits % 2 !== 0) {
    throw new AppError(
      'BAD_HEX',
      `${who}: ${digits} hex digits were entered, an odd number (each byte is two digits).`,
      'A digit is missing or extra; compare the groups with the paper and retype.',
    );
  }
  if (expectedBytes !== undefined && digits !== expectedBytes * 2) {
    throw new AppError(
      'BAD_LENGTH',
      `${who}: ${digits / 2} bytes (${digits} hex digits) were entered; this key needs exactly ${expectedBytes} bytes (${expectedBytes * 2} digits).`,
      'Check that no group was skipped or typed twice, then retype.',
    );
  }
  const out = Buffer.alloc(digits / 2);
  let nibble = 0;
  for (let i = 0; i < typed.length; i++) {
    const c = typed[i]!;
    if (isSeparator(c)) continue;
    const at = nibble >> 1;
    out[at] = nibble % 2 === 0 ? hexValue(c) << 4 : out[at]! | hexValue(c);
    nibble++;
  }
  return out;
}

function isSeparator(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2d;
}

export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** A non-hex character is no key digit, so naming it helps and reveals nothing. */
function printable(c: number): string {
  return c > 0x20 && c < 0x7f ? ` ("${String.fromCharCode(c)}")` : '';
}
