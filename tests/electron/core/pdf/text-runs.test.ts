import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontFaces, parseUnicodeRange, textRuns } from '../../../../electron/core/pdf';

const faces = fontFaces();
const runs = (text: string, role: 'text' | 'mono' = 'text', weight: 400 | 700 = 400) =>
  textRuns(text, faces, role, weight).map((r) => [r.face.name, r.text]);

describe('embedded fonts', () => {
  it('reads every face named in font-faces.json, each file present', () => {
    expect(faces.length).toBeGreaterThan(100); // Noto Sans SC comes in ~100 slices
    for (const face of faces) expect(existsSync(face.file), face.file).toBe(true);
  });

  it('parses CSS unicode-range lists', () => {
    expect(parseUnicodeRange('U+0000-00FF,U+0131, U+1f1e9-1f1f5')).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x1f1e9, 0x1f1f5],
    ]);
    expect(() => parseUnicodeRange('U+zz')).toThrow(/unicode-range/);
  });
});

describe('textRuns: one run per font file a script needs', () => {
  it('splits a Polish/Czech name between Latin and Latin Extended, keeping spaces in the run', () => {
    expect(runs('Łukasz Dvořák')).toEqual([
      ['noto-sans/latin-ext/400', 'Ł'],
      ['noto-sans/latin/400', 'ukasz Dvo'],
      ['noto-sans/latin-ext/400', 'ř'],
      ['noto-sans/latin/400', 'ák'],
    ]);
  });

  it('draws Cyrillic, Greek and CJK in their own faces, bold where the family has it', () => {
    expect(runs('Алексей', 'text', 700)).toEqual([['noto-sans/cyrillic/700', 'Алексей']]);
    expect(runs('Γιώργος')).toEqual([['noto-sans/greek/400', 'Γιώργος']]);
    const cjk = runs('李雷', 'text', 700);
    expect(cjk.map(([face]) => face).every((f) => f!.startsWith('noto-sans-sc/'))).toBe(true);
    expect(cjk.map(([, text]) => text).join('')).toBe('李雷');
  });

  it('normalises to NFC, so a decomposed ř is one character from one face', () => {
    expect(runs('r\u030C')).toEqual([['noto-sans/latin-ext/400', 'ř']]);
  });

  it('uses the mono face for hashes and falls back to text faces for other scripts', () => {
    expect(runs('SHA-256 3F2A', 'mono')).toEqual([['noto-sans-mono/latin/400', 'SHA-256 3F2A']]);
    expect(runs('Ж', 'mono')).toEqual([['noto-sans/cyrillic/400', 'Ж']]);
  });

  it('draws ASCII as one run in the first face that covers it all, and splits it when that face does not', () => {
    expect(runs('Key ceremony 20261130 page 1 of 4', 'text', 700)).toEqual([
      ['noto-sans/latin/700', 'Key ceremony 20261130 page 1 of 4'],
    ]);
    expect(runs('')).toEqual([]);
    const face = (name: string, ranges: [number, number][]) =>
      ({ name, role: 'text', weight: 400, file: name, ranges }) as const;
    const digitsFirst = [face('digits', [[0x30, 0x39]]), face('ascii', [[0, 0x7f]])];
    const split = textRuns('ab12c', digitsFirst, 'text', 400).map((r) => [r.face.name, r.text]);
    expect(split).toEqual([['ascii', 'ab12c']]);
    const digitsLed = textRuns('12ab', digitsFirst, 'text', 400).map((r) => [r.face.name, r.text]);
    expect(digitsLed).toEqual([
      ['digits', '12'],
      ['ascii', 'ab'],
    ]);
  });
});
