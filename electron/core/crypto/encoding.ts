/**
 * Text encodings of key bytes (hex, base64, PEM) decoded straight from a Buffer into Buffer.alloc'd memory.
 * Why our own decoders: Buffer.from(string, 'hex'|'base64') needs the secret as a JS string (unwipeable)
 * and returns a pooled buffer. These read bytes, never build strings from secret data, and return null
 * (not an exception) when the input isn't that encoding, so format detection can try them in turn.
 */

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function base64Value(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c === 0x2b) return 62; // +
  if (c === 0x2f) return 63; // /
  return -1;
}

/** Hex text (whitespace and an optional 0x prefix allowed) → bytes, or null if it isn't hex. */
export function decodeHex(text: Uint8Array): Buffer | null {
  let start = 0;
  while (start < text.length && WHITESPACE.has(text[start]!)) start++;
  if (text[start] === 0x30 && (text[start + 1] === 0x78 || text[start + 1] === 0x58)) start += 2;
  let digits = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (WHITESPACE.has(c)) continue;
    if (hexValue(c) < 0) return null;
    digits++;
  }
  if (digits === 0 || digits % 2 !== 0) return null;
  const out = Buffer.alloc(digits / 2);
  let nibble = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (WHITESPACE.has(c)) continue;
    const index = nibble >> 1;
    out[index] = nibble % 2 === 0 ? hexValue(c) << 4 : out[index]! | hexValue(c);
    nibble++;
  }
  return out;
}

/** Base64 text (whitespace allowed, '=' padding optional) → bytes, or null if it isn't base64. */
export function decodeBase64(text: Uint8Array, from = 0, to = text.length): Buffer | null {
  let symbols = 0;
  let padding = 0;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (WHITESPACE.has(c)) continue;
    if (c === 0x3d) {
      padding++;
      continue;
    }
    if (padding > 0 || base64Value(c) < 0) return null;
    symbols++;
  }
  if (symbols === 0 || padding > 2 || symbols % 4 === 1) return null;
  if (padding > 0 && (symbols + padding) % 4 !== 0) return null;
  const out = Buffer.alloc(Math.floor((symbols * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = from; i < to; i++) {
    const v = base64Value(text[i]!);
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  acc = 0;
  return out;
}

export interface PemBlock {
  label: string; // e.g. "PRIVATE KEY" (labels are not secret)
  headers: string[]; // RFC 1421 headers such as "Proc-Type: 4,ENCRYPTED" (legacy encrypted PEM)
  der: Buffer; // decoded body, Buffer.alloc'd: caller wipes
}

const BEGIN = Buffer.from('-----BEGIN ');
const DASHES = Buffer.from('-----');

/** Every PEM block in `text`, or an empty list if there is none. */
export function pemBlocks(text: Buffer): PemBlock[] {
  const blocks: PemBlock[] = [];
  let at = text.indexOf(BEGIN);
  while (at >= 0) {
    const labelStart = at + BEGIN.length;
    const labelEnd = text.indexOf(DASHES, labelStart);
    if (labelEnd < 0) break;
    const label = text.subarray(labelStart, labelEnd).toString('latin1');
    const end = Buffer.from(`-----END ${label}-----`);
    const bodyStart = labelEnd + DASHES.length;
    const endAt = text.indexOf(end, bodyStart);
    if (endAt < 0) break;
    const headers: string[] = [];
    let body = bodyStart;
    // Headers (legacy encrypted PEM) are "Name: value" lines followed by a blank line.
    const colon = text.indexOf(0x3a, bodyStart);
    if (colon >= 0 && colon < endAt) {
      const blank = findBlankLine(text, bodyStart, endAt);
      if (blank > 0) {
        headers.push(
          ...text
            .subarray(bodyStart, blank)
            .toString('latin1')
            .split(/\r?\n/)
            .map((h) => h.trim())
            .filter(Boolean),
        );
        body = blank;
      }
    }
    const der = decodeBase64(text, body, endAt);
    if (der) blocks.push({ label, headers, der });
    at = text.indexOf(BEGIN, endAt + end.length);
  }
  return blocks;
}

function findBlankLine(text: Buffer, from: number, to: number): number {
  for (let i = from; i < to - 1; i++) {
    if (text[i] === 0x0a && (text[i + 1] === 0x0a || (text[i + 1] === 0x0d && text[i + 2] === 0x0a))) {
      return i + 1;
    }
  }
  return -1;
}

/** True if every byte is printable ASCII or whitespace (a text file rather than binary key bytes). */
export function isAsciiText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  return bytes.every((c) => WHITESPACE.has(c) || (c >= 0x20 && c < 0x7f));
}

/** Upper-case hex of NON-secret bytes (check values, fingerprints). */
export function toHexUpper(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}
