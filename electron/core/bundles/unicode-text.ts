/**
 * Byte-level recognition and conversion of the Unicode text forms Windows tools write (PowerShell's `>` and
 * Out-File: UTF-16LE with a byte-order mark; Notepad: UTF-8 with one). Works on bytes only, into
 * Buffer.alloc'd output, never through JS strings: the same code serves public bundle files and secret
 * files (key material, passphrases), which must stay in wipeable buffers.
 */
export type TextEncodingFound =
  | 'UTF-8 with byte-order mark'
  | 'UTF-16LE with byte-order mark'
  | 'UTF-16BE with byte-order mark'
  | 'UTF-16LE without byte-order mark'
  | 'UTF-32LE with byte-order mark'
  | 'UTF-32BE with byte-order mark';

/** The Unicode form `bytes` announce (BOM), or UTF-16LE without one when every odd byte is 0 (ASCII text). */
export function detectUnicodeText(bytes: Uint8Array): TextEncodingFound | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return 'UTF-32LE with byte-order mark';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'UTF-32BE with byte-order mark';
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'UTF-8 with byte-order mark';
  if (b0 === 0xff && b1 === 0xfe) return 'UTF-16LE with byte-order mark';
  if (b0 === 0xfe && b1 === 0xff) return 'UTF-16BE with byte-order mark';
  if (bytes.length >= 4 && bytes.length % 2 === 0) {
    for (let i = 0; i < bytes.length; i += 2) {
      const c = bytes[i] as number;
      const printable = (c >= 0x20 && c <= 0x7e) || c === 0x09 || c === 0x0a || c === 0x0d;
      if (!printable || bytes[i + 1] !== 0) return null;
    }
    return 'UTF-16LE without byte-order mark';
  }
  return null;
}

export type Utf8Conversion = { ok: true; bytes: Buffer; asciiOnly: boolean } | { ok: false; why: string };

/**
 * `bytes` in the detected form → UTF-8 without BOM, in a Buffer.alloc'd buffer (the caller wipes it when
 * secret). UTF-16 is decoded strictly: an odd length or a lone surrogate is refused, saying which.
 * UTF-32 is not converted (no Windows tool writes it by default): refused, naming it.
 */
export function toUtf8(bytes: Uint8Array, found: TextEncodingFound): Utf8Conversion {
  if (found.startsWith('UTF-32')) return { ok: false, why: `${found}: not supported` };
  if (found === 'UTF-8 with byte-order mark') {
    const out = Buffer.alloc(bytes.length - 3);
    out.set(bytes.subarray(3));
    return { ok: true, bytes: out, asciiOnly: out.every((b) => b < 0x80) };
  }
  const body = found.endsWith('without byte-order mark') ? bytes : bytes.subarray(2);
  const le = found.startsWith('UTF-16LE');
  if (body.length % 2 !== 0)
    return { ok: false, why: `${found}, but an odd number of bytes (${body.length})` };
  const unit = (i: number) =>
    le
      ? (body[i] as number) | ((body[i + 1] as number) << 8)
      : ((body[i] as number) << 8) | (body[i + 1] as number);
  const out = Buffer.alloc(body.length * 2); // UTF-8 needs at most 3 bytes per UTF-16 unit (4 per pair)
  let o = 0;
  let asciiOnly = true;
  for (let i = 0; i < body.length; i += 2) {
    let cp = unit(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const low = i + 2 < body.length ? unit(i + 2) : -1;
      if (low < 0xdc00 || low > 0xdfff) {
        out.fill(0);
        return { ok: false, why: `${found}, but a lone surrogate at byte ${i + (body === bytes ? 0 : 2)}` };
      }
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
      i += 2;
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
      out.fill(0);
      return { ok: false, why: `${found}, but a lone surrogate at byte ${i + (body === bytes ? 0 : 2)}` };
    }
    if (cp < 0x80) {
      out[o++] = cp;
      continue;
    }
    asciiOnly = false;
    if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
    } else if (cp < 0x10000) {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
    } else {
      out[o++] = 0xf0 | (cp >> 18);
      out[o++] = 0x80 | ((cp >> 12) & 0x3f);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
    }
    out[o++] = 0x80 | (cp & 0x3f);
  }
  const result = Buffer.alloc(o);
  out.copy(result, 0, 0, o);
  out.fill(0);
  return { ok: true, bytes: result, asciiOnly };
}
