/**
 * scripts/lazy-fontkit-brotli.mjs, as the record worker's build uses it: in a bundle with fontkit, brotli's
 * decoder (whose loading builds its 122 KB dictionary from an array literal) is evaluated only when a WOFF2
 * font is read, and a WOFF2 font still reads as the WOFF file of the same face (its metrics and a glyph's box; WOFF2
 * stores outlines transformed, so the path's curve commands may be split differently). The helper's marker on the
 * dictionary module counts its evaluations.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLikeRecordWorker } from '../helpers/record-worker-bundle';

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'kms-lazy-brotli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENTRY = `
import * as fontkit from 'fontkit';
export function describeFont(bytes) {
  const font = fontkit.create(Buffer.from(bytes));
  const glyph = font.glyphForCodePoint(0x4b); // K
  const { minX, minY, maxX, maxY } = glyph.bbox;
  return { unitsPerEm: font.unitsPerEm, numGlyphs: font.numGlyphs, advance: glyph.advanceWidth, bbox: [minX, minY, maxX, maxY] };
}
`;

type Described = { unitsPerEm: number; numGlyphs: number; advance: number; bbox: number[] };
const load = (name: string, buildPlugins: boolean) =>
  loadLikeRecordWorker<{ describeFont: (bytes: Buffer) => Described }>({
    entry: ENTRY,
    outfile: path.join(dir, `${name}.cjs`),
    buildPlugins,
    counted: /[\\/]brotli[\\/]dec[\\/]dictionary-data\.js$/,
  });

const face = (format: 'woff' | 'woff2') =>
  readFileSync(
    path.join(root, 'node_modules/@fontsource/noto-sans/files', `noto-sans-latin-400-normal.${format}`),
  );

describe('lazy-fontkit-brotli', () => {
  it('without the plugin, loading fontkit evaluates brotli’s dictionary (the cost the plugin removes)', async () => {
    const { evaluations } = await load('plain', false);
    expect(evaluations()).toBe(1);
  });

  it("with the worker build's plugins, a WOFF font reads without brotli, and a WOFF2 font loads it once and reads the same", async () => {
    const { exports: mod, evaluations } = await load('lazy', true);
    expect(evaluations()).toBe(0);
    const woff = mod.describeFont(face('woff'));
    expect(evaluations()).toBe(0);
    expect(woff.numGlyphs).toBeGreaterThan(100);
    expect(mod.describeFont(face('woff2'))).toEqual(woff);
    expect(evaluations()).toBe(1);
    mod.describeFont(face('woff2'));
    expect(evaluations()).toBe(1);
  });
});
