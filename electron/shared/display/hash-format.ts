/**
 * The one way a digest or check value is shown, on every screen, in the record and in the CLI: upper-case
 * hex in groups of four (two bytes, as PGP prints fingerprints) with the algorithm named first, e.g.
 * "SHA-256 3F2A 9C01 …". Pure, so main, the CLI and the renderer all import it.
 */

/** "3f2a9c01…" (any case, spaces/colons ignored) → "3F2A 9C01 …". Short values (≤ 8 digits) stay whole. */
export function hexGroups(hex: string): string {
  const clean = hex.replace(/[\s:]/g, '').toUpperCase();
  if (clean.length <= 8) return clean;
  return (clean.match(/.{1,4}/g) ?? []).join(' ');
}

/** "SHA-256 3F2A 9C01 …" — a digest with its algorithm named. */
export function formatHash(hex: string, algorithm = 'SHA-256'): string {
  return `${algorithm} ${hexGroups(hex)}`;
}

/** The label a check value kind reads as (main's `CheckValue.kind`: AES-CMAC, HMAC, SPKI-SHA256). */
const CHECK_VALUE_NAMES: Record<string, string> = {
  'AES-CMAC': 'AES-CMAC KCV',
  HMAC: 'HMAC KCV',
  'SPKI-SHA256': 'SPKI SHA-256',
  'AES-ECB': 'AES-ECB KCV (legacy)',
};

/**
 * "AES-CMAC KCV FE4608", "SPKI SHA-256 3F2A 9C01 …": a material check value with how it was computed.
 * An unknown kind is shown as given.
 */
export function formatCheckValue(checkValue: { kind: string; value: string }): string {
  return `${CHECK_VALUE_NAMES[checkValue.kind] ?? checkValue.kind} ${hexGroups(checkValue.value)}`;
}
