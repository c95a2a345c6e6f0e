/**
 * scripts/fontkit-raw-glyphs.mjs, as the record worker's build uses it: fontkit's TrueType subsetter decodes
 * only the composite glyphs it copies, and the subset it encodes is the same, byte for byte, as unpatched
 * fontkit's, for text with simple and composite glyphs in the faces the record embeds. A fontkit that no
 * longer reads as the patch expects fails the build.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM build script without type declarations
import { patchFontkit } from '../../../scripts/fontkit-raw-glyphs.mjs';
import { loadLikeRecordWorker } from '../helpers/record-worker-bundle';

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'kms-fontkit-glyphs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Subsets `text`'s glyphs as pdfkit does when a document ends; counts the glyph decodes that took.
const ENTRY = `
import * as fontkit from 'fontkit';
export function subset(bytes, text) {
  const font = fontkit.create(Buffer.from(bytes));
  const glyphs = font.layout(text).glyphs;
  const composite = glyphs.filter((g) => (g._decode()?.numberOfContours ?? 0) < 0).length;
  const proto = Object.getPrototypeOf(glyphs[0]);
  const decode = proto._decode;
  let decodes = 0;
  proto._decode = function () { decodes++; return decode.call(this); };
  try {
    const s = font.createSubset();
    for (const g of glyphs) s.includeGlyph(g.id);
    return { bytes: Buffer.from(s.encode()), glyphs: new Set(glyphs.map((g) => g.id)).size, composite, decodes };
  } finally {
    proto._decode = decode;
  }
}
`;

type Subset = { bytes: Buffer; glyphs: number; composite: number; decodes: number };
const load = (name: string, buildPlugins: boolean) =>
  loadLikeRecordWorker<{ subset: (bytes: Buffer, text: string) => Subset }>({
    entry: ENTRY,
    outfile: path.join(dir, `${name}.cjs`),
    buildPlugins,
  });

const TEXT = 'Key ceremony — Zoë Ångström, Søren Ødegård: ÉÇÀÜ éçàü ñ 0123 ARN/KMS';
const FACES = [
  'noto-sans/files/noto-sans-latin-400-normal.woff',
  'noto-sans/files/noto-sans-latin-700-normal.woff',
];

describe('fontkit-raw-glyphs', () => {
  it('decodes only the composite glyphs, and encodes the same subset as fontkit itself', async () => {
    const plain = (await load('plain', false)).exports;
    const patched = (await load('patched', true)).exports;
    for (const face of FACES) {
      const bytes = readFileSync(path.join(root, 'node_modules/@fontsource', face));
      const before = plain.subset(bytes, TEXT);
      const after = patched.subset(bytes, TEXT);
      expect(before.composite).toBeGreaterThan(0); // the text exercises both kinds of glyph
      expect(before.decodes).toBeGreaterThanOrEqual(before.glyphs);
      expect(after.decodes).toBeLessThan(before.decodes);
      expect(after.decodes).toBeGreaterThanOrEqual(after.composite);
      expect(after.bytes.equals(before.bytes)).toBe(true);
    }
  });

  it('refuses a fontkit whose subsetter does not read as expected', () => {
    expect(() => patchFontkit('class TTFSubset { encode() {} }', 'module.mjs')).toThrow(/update the plugin/);
    const real = readFileSync(path.join(root, 'node_modules/fontkit/dist/module.mjs'), 'utf8');
    const changed = real.replace('let glyf = glyph._decode();', 'const glyf = glyph._decode();');
    expect(() => patchFontkit(changed, 'module.mjs')).toThrow(/update the plugin/);
  });
});
