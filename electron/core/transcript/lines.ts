/**
 * A transcript's lines exactly as stored. Hashes and signatures cover the UTF-8 bytes of each line, so the
 * bytes are decoded with a fatal decoder: a lenient one would turn an invalid byte (say `FF`) into U+FFFD,
 * whose UTF-8 (`EF BF BD`) could then match a signed event although the file's bytes differ. `0x0A` never
 * occurs inside a multi-byte UTF-8 sequence, so splitting the bytes on it first is exact.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface RawLine {
  /** The line's text without its `\n` (leniently decoded when `invalid` is set, for display only). */
  raw: string;
  /** Set when the line's bytes are not valid UTF-8 (or a string line holds a lone surrogate): it says where. */
  invalid?: string;
}

export interface SplitTranscript {
  /** Complete lines (each ended by `\n`), in order. */
  lines: RawLine[];
  /** Bytes after the last `\n`: a torn last line when non-empty. */
  tail: RawLine & { bytes: number };
}

/** Splits a transcript file (bytes, or text already in memory) into its lines; see the module note. */
export function splitTranscript(input: string | Uint8Array): SplitTranscript {
  if (typeof input === 'string') {
    const parts = input.split('\n');
    const tail = parts.pop() ?? '';
    return {
      lines: parts.map(textLine),
      tail: { ...textLine(tail), bytes: Buffer.byteLength(tail, 'utf8') },
    };
  }
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const lines: RawLine[] = [];
  let start = 0;
  for (let end = bytes.indexOf(0x0a); end >= 0; end = bytes.indexOf(0x0a, start)) {
    lines.push(byteLine(bytes.subarray(start, end)));
    start = end + 1;
  }
  const tail = bytes.subarray(start);
  return { lines, tail: { ...byteLine(tail), bytes: tail.length } };
}

function textLine(raw: string): RawLine {
  const at = raw.search(LONE_SURROGATE);
  return at < 0 ? { raw } : { raw, invalid: `it holds a lone UTF-16 surrogate at character ${at + 1}` };
}

function byteLine(bytes: Buffer): RawLine {
  try {
    return { raw: UTF8.decode(bytes) };
  } catch {
    const raw = bytes.toString('utf8');
    // The valid prefix re-encodes identically: the first differing byte is the first invalid one.
    const again = Buffer.from(raw, 'utf8');
    let at = 0;
    while (at < bytes.length && bytes[at] === again[at]) at++;
    const shown = bytes
      .subarray(at, at + 3)
      .toString('hex')
      .toUpperCase()
      .replace(/(..)(?=.)/g, '$1 ');
    return {
      raw,
      invalid: `its bytes are not valid UTF-8 (${shown} at byte ${at + 1} of the line): the file was changed after it was signed`,
    };
  }
}
