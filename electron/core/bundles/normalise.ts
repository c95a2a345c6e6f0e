import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { detectUnicodeText, toUtf8 } from './unicode-text';

/**
 * Artefacts cross the air gap through Windows transfer hosts, consoles and clipboards: a DER key may arrive as
 * base64, PEM or hex text; PowerShell's `>` writes UTF-16 with a byte-order mark; text-mode copies add CRLF.
 * normaliseFile undoes exactly these, and reports every change with sizes and SHA-256 before and after, so
 * the operator (and the transcript) can see what was done. Only public artefacts pass here (public key,
 * import token, wrapped material, manifests): never plaintext key material.
 */
export type ExpectedContent = 'der' | 'binary' | 'text';

export interface NormaliseOptions {
  expected: ExpectedContent;
  /** Shown in messages, e.g. "WrappingPublicKey.bin". */
  name?: string;
  /** For 'binary': sizes that raw bytes can have. Text decoding is tried only when the raw size does not fit. */
  plausibleSize?: (size: number) => boolean;
  /** Describes the plausible sizes in an error message, e.g. "512 bytes". */
  sizeHint?: string;
}

export interface FileDigest {
  size: number;
  sha256: string;
}

export interface Fix {
  what: string;
  before: FileDigest;
  after: FileDigest;
}

export type FormatFound = 'der' | 'binary' | 'pem' | 'base64' | 'hex' | 'text';

export interface Normalised {
  bytes: Buffer;
  formatFound: FormatFound;
  fixes: Fix[];
}

export function digestOf(bytes: Uint8Array): FileDigest {
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export function normaliseFile(
  input: Uint8Array,
  expectedOrOptions: ExpectedContent | NormaliseOptions,
): Normalised {
  const options = typeof expectedOrOptions === 'string' ? { expected: expectedOrOptions } : expectedOrOptions;
  const name = options.name ?? 'The file';
  const fixes: Fix[] = [];
  let bytes: Buffer = Buffer.from(input);
  const apply = (what: string, next: Buffer) => {
    fixes.push({ what, before: digestOf(bytes), after: digestOf(next) });
    bytes = next;
  };

  if (options.expected === 'der' && isCompleteDer(bytes)) return { bytes, formatFound: 'der', fixes };
  if (options.expected === 'binary' && options.plausibleSize?.(bytes.length)) {
    return { bytes, formatFound: 'binary', fixes };
  }

  const unicode = decodeUnicodeText(bytes);
  if (unicode) apply(unicode.what, unicode.bytes);

  if (options.expected === 'text') {
    if (bytes.includes(0x0d)) apply('CRLF line endings converted to LF', crlfToLf(bytes));
    return { bytes, formatFound: 'text', fixes };
  }

  if (isAsciiText(bytes)) {
    if (bytes.includes(0x0d)) apply('CRLF line endings removed', crlfToLf(bytes));
    const decoded = decodeText(bytes);
    if (decoded) apply(decoded.what, decoded.bytes);
    if (decoded) return finish(decoded.format);
  }

  if (options.expected === 'der' && !isCompleteDer(bytes)) {
    const trimmed = trimTrailingWhitespace(bytes);
    if (trimmed.length < bytes.length && isCompleteDer(trimmed))
      apply('trailing line end after the DER removed', trimmed);
    else if (bytes.includes(0x0d) && isCompleteDer(crlfToLf(bytes))) {
      apply(
        'CR bytes inserted by a text-mode transfer (LF → CRLF) removed: the DER length now matches',
        crlfToLf(bytes),
      );
    }
  }
  return finish(options.expected === 'der' ? 'der' : 'binary');

  function finish(format: FormatFound): Normalised {
    if (options.expected === 'der' && !isCompleteDer(bytes)) {
      throw new AppError(
        'BAD_FILE',
        `${name} is not DER (${bytes.length} bytes${format !== 'der' ? ` after ${format} decoding` : ''}, starting ${bytes.subarray(0, 4).toString('hex') || 'with nothing'}).`,
        'Copy the file again in binary mode (or as the base64 text the AWS CLI prints), without editing it.',
      );
    }
    if (options.expected === 'binary' && options.plausibleSize && !options.plausibleSize(bytes.length)) {
      throw new AppError(
        'BAD_FILE',
        `${name} has ${bytes.length} bytes${format !== 'binary' ? ` after ${format} decoding` : ''}; expected ${options.sizeHint ?? 'another size'}.`,
        'Copy the file again in binary mode; a transfer host or editor may have changed it.',
      );
    }
    return { bytes, formatFound: format, fixes };
  }
}

/** Total length a DER SEQUENCE announces in its header, or null if the bytes do not start one. */
export function derSequenceLength(bytes: Uint8Array): number | null {
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  const first = bytes[1] as number;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count < 1 || count > 4 || bytes.length < 2 + count) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (bytes[2 + i] as number);
  return 2 + count + length;
}

export function isCompleteDer(bytes: Uint8Array): boolean {
  return derSequenceLength(bytes) === bytes.length;
}

function isAsciiText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  for (const c of bytes)
    if (!((c >= 0x20 && c <= 0x7e) || c === 0x09 || c === 0x0a || c === 0x0d)) return false;
  return true;
}

function crlfToLf(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('latin1').replace(/\r\n?/g, '\n'), 'latin1');
}

function trimTrailingWhitespace(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && [0x0a, 0x0d, 0x20, 0x09].includes(bytes[end - 1] as number)) end--;
  return bytes.subarray(0, end);
}

const UNICODE_FIX: Record<string, string> = {
  'UTF-8 with byte-order mark': 'UTF-8 byte-order mark removed',
  'UTF-16LE with byte-order mark':
    'UTF-16LE text with byte-order mark (PowerShell ">"/Out-File) converted to UTF-8',
  'UTF-16BE with byte-order mark': 'UTF-16BE text with byte-order mark converted to UTF-8',
  'UTF-16LE without byte-order mark': 'UTF-16LE text without byte-order mark converted to UTF-8',
};

/** UTF-16 (with or without BOM, as PowerShell writes) or UTF-8 with BOM → plain UTF-8 (unicode-text.ts). */
function decodeUnicodeText(bytes: Buffer): { what: string; bytes: Buffer } | null {
  const found = detectUnicodeText(bytes);
  const what = found ? UNICODE_FIX[found] : undefined;
  const converted = found && what ? toUtf8(bytes, found) : null;
  if (!converted?.ok) return null;
  // Only accept it when the result is text: random binary that happens to start FF FE stays binary.
  if (found !== 'UTF-8 with byte-order mark' && !mostlyAsciiText(converted.bytes)) return null;
  return { what: what!, bytes: converted.bytes };
}

function mostlyAsciiText(utf8: Buffer): boolean {
  let chars = 0;
  let ascii = 0;
  for (const b of utf8) {
    if (b < 0x80 || b >= 0xc0) chars++; // not a continuation byte
    if ((b >= 0x20 && b <= 0x7e) || b === 0x09 || b === 0x0a || b === 0x0d) ascii++;
  }
  return chars > 0 && ascii >= chars * 0.9;
}

/** PEM, hex (optionally with colons/0x) or base64 text → bytes. Hex is tried before base64 (its alphabet is a subset). */
function decodeText(bytes: Buffer): { what: string; bytes: Buffer; format: FormatFound } | null {
  const text = bytes.toString('latin1');
  const pem = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (pem) {
    const body = (pem[2] as string).replace(/\s+/g, '');
    if (/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
      return {
        what: `PEM "${pem[1]}" armour removed and its base64 decoded`,
        bytes: Buffer.from(body, 'base64'),
        format: 'pem',
      };
    }
  }
  const compact = text.replace(/\s+/g, '');
  const hex = compact.replace(/^0x/i, '').replace(/:/g, '');
  if (
    hex.length > 0 &&
    hex.length % 2 === 0 &&
    /^[0-9a-fA-F]+$/.test(hex) &&
    (compact.includes(':') || /^[0-9a-fA-F]+$/.test(compact.replace(/^0x/i, '')))
  ) {
    return { what: 'hex text decoded to bytes', bytes: Buffer.from(hex, 'hex'), format: 'hex' };
  }
  if (compact.length > 0 && compact.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    return {
      what: 'base64 text decoded to bytes (the AWS CLI prints blobs as base64)',
      bytes: Buffer.from(compact, 'base64'),
      format: 'base64',
    };
  }
  return null;
}
