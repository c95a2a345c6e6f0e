import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fontFaces } from '../../../../electron/core/pdf';
import { woffToSfnt } from '../../../../electron/core/pdf/woff-to-sfnt';

// fontkit (pdfkit's font engine) ships no types; the little this test reads:
interface Font {
  postscriptName: string;
  numGlyphs: number;
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): { glyphs: { id: number; advanceWidth: number }[] };
}
const fontkit = createRequire(import.meta.url)('fontkit') as { create(bytes: Buffer): Font };

const faces = fontFaces();
const latin = faces.find((f) => f.name === 'noto-sans/latin/400')!;
const cjk = faces.find((f) => f.name.startsWith('noto-sans-sc/'))!;

describe('woffToSfnt (W3C WOFF 1.0 → sfnt)', () => {
  it.each([latin, cjk])('$name: the same font, glyph for glyph, as fontkit reads from the WOFF', (face) => {
    const woff = readFileSync(face.file);
    const fromWoff = fontkit.create(woff);
    const sfnt = woffToSfnt(woff);
    expect(sfnt.readUInt32BE(0)).toBe(0x00010000); // TrueType outlines, not "wOFF"
    const fromSfnt = fontkit.create(sfnt);
    expect(fromSfnt.postscriptName).toBe(fromWoff.postscriptName);
    expect(fromSfnt.numGlyphs).toBe(fromWoff.numGlyphs);
    // Eight letters this file draws (from its unicode-range, past ASCII controls).
    const sample = face.ranges
      .flatMap(([from, to]) => Array.from({ length: Math.min(to - from + 1, 4) }, (_, i) => from + i))
      .filter((cp) => cp > 0x40 && fromWoff.hasGlyphForCodePoint(cp))
      .slice(0, 8)
      .map((cp) => String.fromCodePoint(cp))
      .join('');
    expect([...sample]).toHaveLength(8);
    const ids = (f: Font) => f.layout(sample).glyphs.map((g) => [g.id, g.advanceWidth]);
    expect(ids(fromSfnt)).toEqual(ids(fromWoff));
    expect(ids(fromSfnt).every(([id]) => id !== 0)).toBe(true); // no .notdef: the outlines came across
  });

  it('refuses bytes that are not WOFF 1.0, and a truncated WOFF', () => {
    expect(() => woffToSfnt(woffToSfnt(readFileSync(latin.file)))).toThrow(/Not a WOFF 1\.0 font/);
    const woff = readFileSync(latin.file);
    expect(() => woffToSfnt(woff.subarray(0, woff.length - 100))).toThrow(/truncated/);
  });
});
