import { AppError } from '../errors';
import { isKeySpec, Secret } from '../crypto';
import { hexValue } from './hex-groups';
import { lineChecksum } from './line-checksum';
import {
  ascii,
  isBlank,
  isDigits,
  isWord,
  splitLines,
  startsWithWords,
  tokenize,
  type Range,
} from './share-text-scan';
import { documentChecksum, SHARE_FORMAT, shareLabel, type Share, type ShareHeader } from './share';

/**
 * The text form of a share: what a share sheet prints, what its QR code holds, what a custodian types back,
 * and what an age file encrypts. Labelled header lines, then numbered lines of 8 hex groups (16 bytes) each
 * ending in a 4-digit line checksum (line-checksum.ts), then a closing checksum over everything:
 *
 *   KMS Key Ceremony key share (format 1)
 *   Backup: 7F3A-92C1-0B4D-E816
 *   Ceremony: 2027-01-14-payments         (only when known)
 *   Key: alias/payments-2027
 *   KeySpec: SYMMETRIC_DEFAULT
 *   Check value: AES-CMAC 8A3F1C
 *   Share: 2 of 5, threshold 3
 *   Length: 33 bytes in 3 lines
 *   01  8F3A 21C0 9B7D 44E1 0A2F 6C5D 13B8 E7F4  | C4A1
 *   02  …
 *   03  E7  | 5B2C
 *   Checksum: 9F3A-21C0
 *
 * Share digits are written into and read from byte buffers (Buffer.alloc, wiped by the caller); they become
 * a JS string only where a PDF or QR library needs one. Parse errors name the share and the line, never digits.
 */
export const BYTES_PER_LINE = 16;
export const MAX_LINES = 255;
const TITLE = `KMS Key Ceremony key share (format ${SHARE_FORMAT})`;

/** The header lines (not secret), in print order. */
export function shareHeaderLines(h: ShareHeader): string[] {
  return [
    TITLE,
    `Backup: ${h.backupId}`,
    ...(h.ceremonyId ? [`Ceremony: ${h.ceremonyId}`] : []),
    `Key: ${h.key}`,
    `KeySpec: ${h.keySpec}`,
    `Check value: ${h.checkValue.kind} ${h.checkValue.value}`,
    `Share: ${h.index} of ${h.total}, threshold ${h.threshold}`,
    `Length: ${h.shareBytes} bytes in ${lineCount(h.shareBytes)} lines`,
  ];
}

export function lineCount(shareBytes: number): number {
  return Math.ceil(shareBytes / BYTES_PER_LINE);
}

/** The numbered share lines as bytes ("01  8F3A … E7F4  | C4A1\n" each); the caller wipes the buffer. */
export function renderShareLines(share: Share): Buffer {
  return share.bytes.use((bytes) => {
    const lines = lineCount(bytes.length);
    const width = Math.max(2, String(lines).length);
    // Per line: number, 2 spaces, up to 8 groups of 4 digits + 7 spaces, "  | ", checksum, LF.
    const out = Buffer.alloc(lines * (width + 2 + 39 + 4 + 4 + 1));
    let o = 0;
    const put = (text: string) => (o += out.write(text, o, 'latin1'));
    for (let line = 0; line < lines; line++) {
      const chunk = bytes.subarray(line * BYTES_PER_LINE, (line + 1) * BYTES_PER_LINE);
      put(String(line + 1).padStart(width, '0'));
      put('  ');
      for (let i = 0; i < chunk.length; i++) {
        if (i > 0 && i % 2 === 0) put(' ');
        out[o++] = HEX[chunk[i]! >> 4]!;
        out[o++] = HEX[chunk[i]! & 15]!;
      }
      put(`  | ${lineChecksum(line + 1, chunk)}\n`);
    }
    return out.subarray(0, o);
  });
}

const HEX = Buffer.from('0123456789ABCDEF', 'latin1');

/** The whole share text (header, lines, checksum) as UTF-8 bytes; the caller wipes the buffer. */
export function renderShareText(share: Share): Buffer {
  const lines = renderShareLines(share);
  try {
    const head = Buffer.from(`${shareHeaderLines(share.header).join('\n')}\n`, 'utf8');
    const tail = Buffer.from(`Checksum: ${documentChecksum(share)}\n`, 'utf8');
    const out = Buffer.alloc(head.length + lines.length + tail.length);
    head.copy(out, 0);
    lines.copy(out, head.length);
    tail.copy(out, head.length + lines.length);
    return out;
  } finally {
    lines.fill(0);
  }
}

/**
 * Parses a share from its text (typed from a sheet, the QR code's text, or a decrypted age file). `source`
 * names where it came from in messages ("the sheet typed for Carol", a file path). Tolerates CRLF, blank
 * lines, lower-case hex, extra spaces, ':' or '|' around the checksum, and the sheet's prose copied along
 * with it (pdftotext, OCR). Throws AppError with codes
 * NOT_A_SHARE, SHARE_HEADER, SHARE_LINE (naming the line), SHARE_LINES_MISSING, SHARE_CHECKSUM.
 */
export function parseShareText(text: Uint8Array, source: string): Share {
  const lines = splitLines(text);
  const header = parseHeader(lines, text, source);
  const label = `${shareLabel(header)} (${source})`;
  const expectedLines = lineCount(header.shareBytes);
  const bytes = Secret.alloc(header.shareBytes);
  try {
    const seen = new Set<number>();
    const readAsProse = new Set<number>();
    let checksumLine: string | undefined;
    for (const [start, end] of lines) {
      const tokens = tokenize(text, start, end);
      if (tokens.length === 0) continue;
      if (startsWithWords(text, tokens[0]![0], tokens[0]![1], 'checksum', true)) {
        checksumLine = tokens
          .slice(1)
          .map((t) => ascii(text, t))
          .join('');
        continue;
      }
      if (!isDigits(text, tokens[0]!)) continue; // a header line, read above
      const first = ascii(text, tokens[0]!); // a line number, not secret
      const number = Number(first);
      if (tokens.some((t) => isWord(text, t))) {
        readAsProse.add(number); // prose that wrapped to start with a number, or a data line gone wrong
        continue;
      }
      if (number < 1 || number > expectedLines) {
        throw new AppError(
          'SHARE_LINE',
          `${label}: there is a line numbered ${first}, but this share has lines 1 to ${expectedLines}.`,
          'Retype the line number as printed on the sheet.',
        );
      }
      if (seen.has(number)) {
        throw new AppError(
          'SHARE_LINE',
          `${label}: line ${first} was entered twice.`,
          'Enter each line once.',
        );
      }
      seen.add(number);
      bytes.use((out) => readDataLine(text, tokens, number, out, header.shareBytes, label));
    }
    const missing = range(expectedLines).filter((n) => !seen.has(n));
    const asProse = missing.find((n) => readAsProse.has(n));
    if (asProse !== undefined) {
      const nn = String(asProse).padStart(2, '0');
      throw new AppError(
        'SHARE_LINE',
        `${label}, line ${nn}: it holds letters that are not hex digits (0–9, A–F), so it was read as text.`,
        `Compare line ${nn} with the sheet and retype it.`,
      );
    }
    if (missing.length > 0) {
      throw new AppError(
        'SHARE_LINES_MISSING',
        `${label}: line${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing (the share has ${expectedLines} lines).`,
        'Type every numbered line of the sheet.',
      );
    }
    const share = { header, bytes };
    const expected = documentChecksum(share);
    const given = (checksumLine ?? '').replace(/-/g, '').toUpperCase();
    if (given !== expected.replace('-', '')) {
      throw new AppError(
        'SHARE_CHECKSUM',
        checksumLine === undefined
          ? `${label}: the closing "Checksum:" line is missing.`
          : `${label}: every line is correct, but the header does not match the sheet's closing checksum.`,
        checksumLine === undefined
          ? 'Type the last line of the sheet, "Checksum: XXXX-XXXX".'
          : 'Compare the header lines (backup, key, key spec, check value, share, length) and the checksum with the sheet and retype them.',
      );
    }
    return share;
  } catch (error) {
    bytes.wipe();
    throw error;
  }
}

function readDataLine(
  text: Uint8Array,
  tokens: Range[],
  number: number,
  out: Buffer,
  size: number,
  label: string,
): void {
  const where = `${label}, line ${String(number).padStart(2, '0')}`;
  const retype = `Compare line ${String(number).padStart(2, '0')} with the sheet and retype it.`;
  const offset = (number - 1) * BYTES_PER_LINE;
  const want = Math.min(BYTES_PER_LINE, size - offset);
  const groups = tokens.slice(1, -1);
  const checksum = tokens.length >= 3 ? ascii(text, tokens[tokens.length - 1]!).toUpperCase() : '';
  if (!/^[0-9A-F]{4}$/.test(checksum)) {
    throw new AppError('SHARE_LINE', `${where}: the line must end with its 4-digit checksum.`, retype);
  }
  let digits = 0;
  groups.forEach(([start, end], g) => {
    const isLast = g === groups.length - 1;
    if (end - start !== 4 && !(isLast && end - start === 2)) {
      throw new AppError(
        'SHARE_LINE',
        `${where}: group ${g + 1} has ${end - start} digits; groups have 4.`,
        retype,
      );
    }
    for (let i = start; i < end; i++) {
      if (hexValue(text[i]!) < 0) {
        throw new AppError(
          'SHARE_LINE',
          `${where}: group ${g + 1} holds a character that is not a hex digit.`,
          retype,
        );
      }
    }
    digits += end - start;
  });
  if (digits !== want * 2) {
    throw new AppError(
      'SHARE_LINE',
      `${where}: ${digits} hex digits were entered; this line has ${want * 2}.`,
      retype,
    );
  }
  let nibble = 0;
  for (const [start, end] of groups) {
    for (let i = start; i < end; i++, nibble++) {
      const at = offset + (nibble >> 1);
      out[at] = nibble % 2 === 0 ? hexValue(text[i]!) << 4 : out[at]! | hexValue(text[i]!);
    }
  }
  if (lineChecksum(number, out.subarray(offset, offset + want)) !== checksum) {
    throw new AppError(
      'SHARE_LINE',
      `${where}: the digits do not match the line's checksum; a digit is mistyped.`,
      retype,
    );
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

const FIELDS = ['backup', 'ceremony', 'key', 'keyspec', 'check value', 'share', 'length'] as const;

function parseHeader(lines: Range[], text: Uint8Array, source: string): ShareHeader {
  const values = new Map<string, string>();
  let titled = false;
  for (const [lineStart, end] of lines) {
    let start = lineStart;
    while (start < end && isBlank(text[start]!)) start++;
    // Only the title and the values of known fields become strings: any other line may be share data.
    if (startsWithWords(text, start, end, 'kms key ceremony key share')) {
      const line = ascii(text, [start, end]).trim();
      const format = /format (\d+)/i.exec(line)?.[1];
      if (format !== String(SHARE_FORMAT)) {
        throw new AppError(
          'NOT_A_SHARE',
          `${source}: share format ${format ?? '?'} is not one this app reads (format ${SHARE_FORMAT}).`,
          'Use a version of KMS Key Ceremony that reads this format.',
        );
      }
      titled = true;
      continue;
    }
    const colon = text.subarray(start, end).indexOf(0x3a) + start;
    if (colon < start) continue;
    const name = FIELDS.find((f) => startsWithWords(text, start, colon, f, true));
    if (name) values.set(name, ascii(text, [colon + 1, end]).trim());
  }
  if (!titled) {
    throw new AppError(
      'NOT_A_SHARE',
      `${source} is not a KMS Key Ceremony share: its first line should read "${TITLE}".`,
      'Choose the share sheet text, the text of its QR code, or the decrypted share file.',
    );
  }
  const field = (name: (typeof FIELDS)[number]) => {
    const value = values.get(name);
    if (!value) throw headerError(source, `the "${name}" line is missing`);
    return value;
  };
  const share = /^(\d+)\s+of\s+(\d+),\s*threshold\s+(\d+)$/i.exec(field('share'));
  if (!share) throw headerError(source, 'the "Share:" line should read like "Share: 2 of 5, threshold 3"');
  const length = /^(\d+)\s+bytes/i.exec(field('length'));
  if (!length) throw headerError(source, 'the "Length:" line should read like "Length: 33 bytes in 3 lines"');
  const check = /^(AES-CMAC|HMAC|SPKI-SHA256)\s+([0-9A-F]+)$/i.exec(field('check value'));
  if (!check)
    throw headerError(source, 'the "Check value:" line should read like "Check value: AES-CMAC 8A3F1C"');
  const keySpec = field('keyspec').toUpperCase();
  if (!isKeySpec(keySpec)) throw headerError(source, `"${keySpec}" is not a KMS key spec`);
  const backupId = field('backup').toUpperCase();
  if (!/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/.test(backupId))
    throw headerError(source, 'the backup id should read like 7F3A-92C1-0B4D-E816');
  const [index, total, threshold, shareBytes] = [share[1], share[2], share[3], length[1]].map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (!(
    index >= 1 &&
    index <= total &&
    threshold >= 2 &&
    threshold <= total &&
    shareBytes >= 2 &&
    lineCount(shareBytes) <= MAX_LINES
  )) {
    throw headerError(
      source,
      `the "Share:" or "Length:" line has impossible numbers (share ${index} of ${total}, threshold ${threshold}, ${shareBytes} bytes)`,
    );
  }
  return {
    backupId,
    ...(values.get('ceremony') ? { ceremonyId: values.get('ceremony') } : {}),
    key: field('key'),
    keySpec,
    checkValue: {
      kind: check[1]!.toUpperCase() as ShareHeader['checkValue']['kind'],
      value: check[2]!.toUpperCase(),
    },
    index,
    total,
    threshold,
    shareBytes,
  };
}

function headerError(source: string, what: string): AppError {
  return new AppError(
    'SHARE_HEADER',
    `${source}: ${what}.`,
    'Retype the header lines exactly as printed on the share sheet.',
  );
}
