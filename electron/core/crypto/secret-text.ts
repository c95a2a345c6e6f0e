import { createHash } from 'node:crypto';
import { detectUnicodeText, toUtf8, type TextEncodingFound } from '../bundles/unicode-text';
import { AppError } from '../errors';

/**
 * Key material and passphrase files are read like bundle files (bundles/normalise.ts, same byte-level
 * conversions in bundles/unicode-text.ts): a UTF-8 byte-order mark is removed and UTF-16 text (PowerShell's
 * `>`/Out-File, with or without BOM) becomes UTF-8, in Buffer.alloc'd memory and never through a JS
 * string. Each conversion is reported with the sizes and the SHA-256 of the *file* (what the operator can
 * compare with `sha256sum`), never a digest of the converted bytes. Line ends and whitespace need no
 * conversion in material files (the hex, base64 and PEM decoders skip them); a passphrase file loses one
 * final line end (LF or CRLF), as `openssl -passin file:` reads it.
 */
export interface SecretFileText {
  /** The bytes to read: `file` itself when nothing was converted, else a Buffer.alloc'd copy (wipe it). */
  bytes: Buffer;
  /** Sentences for the operator and the transcript, one per conversion. */
  notes: string[];
  /** A Unicode form the file announces but that was not converted, and why (for error messages). */
  unconverted: { found: TextEncodingFound; why: string } | null;
}

const SOURCE: Partial<Record<TextEncodingFound, string>> = {
  'UTF-16LE with byte-order mark': ' (as PowerShell ">" and Out-File write it)',
};

/**
 * Material files: converted only when the result is ASCII text (hex, base64, PEM), so raw key bytes that
 * happen to start like a byte-order mark stay raw. Passphrase files: any valid Unicode is converted; a form
 * that cannot be (UTF-32, broken UTF-16) is refused with AppError('BAD_PASSPHRASE_FILE') naming it.
 */
export function normaliseSecretFile(file: Buffer, kind: 'key material' | 'passphrase'): SecretFileText {
  const found = detectUnicodeText(file);
  if (!found) return { bytes: file, notes: [], unconverted: null };
  const converted = toUtf8(file, found);
  if (!converted.ok || (kind === 'key material' && !converted.asciiOnly)) {
    if (converted.ok) converted.bytes.fill(0);
    const why = converted.ok ? 'it holds characters that are not ASCII' : converted.why;
    if (kind === 'passphrase') {
      throw new AppError(
        'BAD_PASSPHRASE_FILE',
        `The passphrase file is ${found} text that cannot be converted to UTF-8 (${why}).`,
        'Save the passphrase file as UTF-8 or ASCII text (PowerShell: Set-Content -Encoding utf8).',
      );
    }
    return { bytes: file, notes: [], unconverted: { found, why } };
  }
  const sha256 = createHash('sha256').update(file).digest('hex');
  const conversion =
    found === 'UTF-8 with byte-order mark'
      ? 'its UTF-8 byte-order mark was removed'
      : 'it was converted to UTF-8';
  return {
    bytes: converted.bytes,
    notes: [
      `The ${kind} file is ${found} text${SOURCE[found] ?? ''}; ${conversion} before reading (file: ${file.length} bytes, SHA-256 ${sha256}; converted: ${converted.bytes.length} bytes).`,
    ],
    unconverted: null,
  };
}
