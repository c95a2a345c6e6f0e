/**
 * Reading a typed share's text in place (share-text.ts): lines, tokens and the tests a parser needs, all on
 * the bytes, because a data line's digits are secret and must not become JS strings. Only `ascii` makes a
 * string, for what is not secret: line numbers, checksums, the title and header values. Pure.
 */
import { hexValue } from './hex-groups';

/** A space or a tab. */
export const isBlank = (c: number) => c === 0x20 || c === 0x09;

/** A half-open byte range [start, end) of the text. */
export type Range = [number, number];

/** The non-empty lines of the text. */
export function splitLines(text: Uint8Array): Range[] {
  const lines: Range[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    // LF, CR and form feed (pdftotext separates pages with one) end a line.
    if (i === text.length || text[i] === 0x0a || text[i] === 0x0d || text[i] === 0x0c) {
      if (i > start) lines.push([start, i]);
      start = i + 1;
    }
  }
  return lines;
}

/** Whitespace-, '|'- and ':'-separated tokens of one line. */
export function tokenize(text: Uint8Array, start: number, end: number): Range[] {
  const tokens: Range[] = [];
  let from = -1;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text[i]! : 0x20;
    const separator = isBlank(c) || c === 0x7c || c === 0x3a;
    if (separator && from >= 0) {
      tokens.push([from, i]);
      from = -1;
    } else if (!separator && from < 0) from = i;
  }
  return tokens;
}

/** Whether every byte of the token is an ASCII digit (a line number), read in place. */
export function isDigits(text: Uint8Array, [start, end]: Range): boolean {
  for (let i = start; i < end; i++) if (text[i]! < 0x30 || text[i]! > 0x39) return false;
  return end > start;
}

/**
 * Whether the bytes from `start` read `words` (lower-case ASCII letters and single spaces), ignoring case,
 * any run of spaces or tabs standing for a space; with `whole`, nothing but blanks may follow before `end`.
 * Compares in place, so a line of share data is never made into a string to find out that it is not a header.
 */
export function startsWithWords(
  text: Uint8Array,
  start: number,
  end: number,
  words: string,
  whole = false,
): boolean {
  let i = start;
  for (const ch of words) {
    if (ch === ' ') {
      if (i >= end || !isBlank(text[i]!)) return false;
      while (i < end && isBlank(text[i]!)) i++;
    } else if (i >= end || (text[i]! | 0x20) !== ch.charCodeAt(0) || !isLetter(text[i]!)) return false;
    else i++;
  }
  if (whole) while (i < end && isBlank(text[i]!)) i++;
  return !whole || i === end;
}

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * Whether a token is a word of prose: five or more letters, one of them not a hex digit. A copy of the whole
 * sheet (pdftotext, OCR) brings its prose along, and a sentence can wrap to start with a number ("…fewer
 * than" / "2 reveal nothing…"). A printed data line holds no such word; a mistyped one can ("DEAFG"), so a
 * line skipped as prose whose number then turns out missing is reported as that line's typo. Reads the
 * bytes in place: a data line's tokens are secret and never become strings.
 */
export function isWord(text: Uint8Array, [start, end]: Range): boolean {
  if (end - start < 5) return false;
  let nonHex = false;
  for (let i = start; i < end; i++) {
    if (!isLetter(text[i]!)) return false;
    if (hexValue(text[i]!) < 0) nonHex = true;
  }
  return nonHex;
}

/** Non-secret text (line numbers, checksums, header values) as a string. */
export function ascii(text: Uint8Array, [start, end]: Range): string {
  return Buffer.from(text.buffer, text.byteOffset + start, end - start).toString('utf8');
}
