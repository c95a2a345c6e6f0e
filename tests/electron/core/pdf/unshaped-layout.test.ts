/**
 * Text that needs no shaping is laid out without fontkit's shaping engine (unshaped-layout.ts): it must
 * draw the very glyphs fontkit's layout picks, and everything that needs shaping must still go to fontkit.
 */
import { readFileSync } from 'node:fs';
import { create } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontFaces } from '../../../../electron/core/pdf';
import {
  needsNoShaping,
  unshapedRun,
  withUnshapedLayout,
  type LayoutFont,
} from '../../../../electron/core/pdf/unshaped-layout';
import { woffToSfnt } from '../../../../electron/core/pdf/woff-to-sfnt';

type Run = { glyphs: { id: number }[]; positions: { xAdvance: number }[]; advanceWidth: number };

function font(subset: string): LayoutFont {
  const face = fontFaces().find(
    (f) => f.role === 'text' && f.weight === 400 && f.name.includes(`/${subset}/`),
  );
  if (!face) throw new Error(`no ${subset} face`);
  return create(woffToSfnt(readFileSync(face.file))) as unknown as LayoutFont;
}

describe('unshaped layout', () => {
  it('draws the glyphs fontkit shaping picks, for Latin, Greek and Cyrillic text and punctuation', () => {
    const cases: [string, string][] = [
      ['latin', 'Key ceremony record — REHEARSAL · 2026-11-30 13:50:16 UTC (local, UTC+00:00) “ok” ≤ → #'],
      ['latin-ext', 'Łukasz Dvořák Ťř'],
      ['cyrillic', 'Алексей Сергеевич'],
      ['greek', 'Γιώργος Παπαδόπουλος'],
    ];
    for (const [subset, text] of cases) {
      const f = font(subset);
      const shaped = f.layout(text) as Run;
      const plain = unshapedRun(f, text);
      expect(needsNoShaping(text), text).toBe(true);
      expect(
        plain.glyphs.map((g) => g.id),
        text,
      ).toEqual(shaped.glyphs.map((g) => g.id));
      // Only kerning differs: within 2 % of the shaped width.
      expect(Math.abs(plain.advanceWidth - shaped.advanceWidth) / shaped.advanceWidth, text).toBeLessThan(
        0.02,
      );
    }
  });

  it('leaves combining marks, CJK, zero-width and bidi controls, soft hyphens and fractions to fontkit', () => {
    for (const text of [
      'e\u0301',
      'д\u0483',
      '李雷',
      'a\u200db',
      'a\u202eb',
      'co\u00adoperate',
      'a\tb',
      '1\u20442',
      'x\u{1F600}',
    ]) {
      expect(needsNoShaping(text), JSON.stringify(text)).toBe(false);
    }
    const f = font('latin');
    const calls: unknown[][] = [];
    const layout = f.layout.bind(f);
    f.layout = (...args: [string, unknown?]) => {
      calls.push(args);
      return layout(...args);
    };
    withUnshapedLayout(f);
    f.layout('plain words');
    expect(calls).toEqual([]);
    f.layout('cafe\u0301');
    f.layout('plain', ['liga']); // explicit OpenType features: fontkit's job
    expect(calls).toEqual([
      ['cafe\u0301', undefined],
      ['plain', ['liga']],
    ]);
  });

  it('reports the advance width after pdfkit scales the positions in place, as fontkit does', () => {
    const run = unshapedRun(font('latin'), 'Witness');
    const unscaled = run.advanceWidth;
    for (const p of run.positions) p.xAdvance *= 0.5;
    expect(run.advanceWidth).toBeCloseTo(unscaled * 0.5, 6);
  });
});
