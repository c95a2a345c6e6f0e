import { describe, expect, it } from 'vitest';
import {
  ascii,
  isDigits,
  isWord,
  splitLines,
  startsWithWords,
  tokenize,
} from '../../../../electron/core/custody/share-text-scan';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('share text, read in place', () => {
  it('splits lines on LF, CR and form feed, and tokens on blanks, bars and colons', () => {
    const text = bytes('a\r\n\fb c|d:e\n');
    const lines = splitLines(text);
    expect(lines.map((r) => ascii(text, r))).toEqual(['a', 'b c|d:e']);
    const [start, end] = lines[1]!;
    expect(tokenize(text, start, end).map((r) => ascii(text, r))).toEqual(['b', 'c', 'd', 'e']);
  });

  it('tells digits, prose words and header words apart without decoding them', () => {
    const text = bytes('02 reveal DEAFG DEAF 8F3A Check   value :');
    const tokens = tokenize(text, 0, text.length);
    expect(tokens.map((t) => isDigits(text, t))).toEqual([true, false, false, false, false, false, false]);
    expect(tokens.map((t) => isWord(text, t))).toEqual([false, true, true, false, false, true, true]);
    const at = text.indexOf('Check');
    expect(startsWithWords(text, at, text.indexOf(':'), 'check value', true)).toBe(true);
    expect(startsWithWords(text, at, text.length, 'check value', true)).toBe(false); // ':' follows
    expect(startsWithWords(text, at, text.length, 'check value')).toBe(true);
    expect(startsWithWords(text, at, text.length, 'checks')).toBe(false);
  });
});
