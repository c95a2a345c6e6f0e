/**
 * Where the embedded fonts are and which characters each file covers. One table (font-faces.json) names
 * the files; scripts/build.mjs copies exactly those next to the bundle (out/main/fonts/<family>/…), and
 * from sources (tsx, vitest) they are read from node_modules/@fontsource/<family>/….
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors';
import table from './font-faces.json' with { type: 'json' };

export type FontRole = 'text' | 'mono';
export type FontWeight = 400 | 700;

export interface FontFace {
  /** pdfkit's registered name, e.g. "noto-sans/latin-ext/700". */
  name: string;
  role: FontRole;
  weight: FontWeight;
  file: string;
  /** Inclusive code point ranges from the family's unicode.json (the CSS unicode-range of the file). */
  ranges: [number, number][];
}

/** "U+0100-02BA,U+1E00" → [[0x100, 0x2ba], [0x1e00, 0x1e00]]. */
export function parseUnicodeRange(range: string): [number, number][] {
  return range.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const a = parseInt(from ?? '', 16);
    const b = to === undefined ? a : parseInt(to, 16);
    if (Number.isNaN(a) || Number.isNaN(b)) throw new Error(`Bad unicode-range part "${part}"`);
    return [a, b];
  });
}

/** The file name a subset key has: "[113]" (CJK slices) → "113", "latin-ext" stays. */
export function fontFileName(family: string, subset: string, weight: number, format: string): string {
  return `${family}-${subset.replace(/[[\]]/g, '')}-${weight}-normal.${format}`;
}

/** The folder holding `<family>/unicode.json` and `<family>/files/`. */
export function fontRoot(): string {
  // Bundled (out/main/index.cjs; scripts/build.mjs gives import.meta.url the bundle's URL): out/main/fonts.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const bundled = path.join(here, 'fonts');
  if (existsSync(path.join(bundled, 'noto-sans', 'unicode.json'))) return bundled;
  try {
    // Sources (tsx, vitest): the @fontsource packages in node_modules.
    const require = createRequire(import.meta.url);
    return path.dirname(path.dirname(require.resolve('@fontsource/noto-sans/package.json')));
  } catch {
    throw new AppError(
      'FONTS_MISSING',
      `The fonts the PDF record embeds were found neither in ${bundled} nor in node_modules/@fontsource.`,
      'Reinstall the app; the HTML and JSON records do not need them.',
    );
  }
}

let cached: { root: string; faces: FontFace[] } | undefined;

/** Every face in font-faces.json order (the order a character looks for a font), read once. */
export function fontFaces(root = fontRoot()): FontFace[] {
  if (cached?.root === root) return cached.faces;
  const faces: FontFace[] = [];
  for (const f of table.families) {
    const ranges = JSON.parse(readFileSync(path.join(root, f.family, 'unicode.json'), 'utf8')) as Record<
      string,
      string
    >;
    const subsets = f.subsets === 'all' ? Object.keys(ranges) : f.subsets;
    for (const subset of subsets) {
      const range = ranges[subset];
      if (!range) throw new Error(`${f.family} has no subset ${subset}`);
      for (const weight of f.weights as FontWeight[]) {
        faces.push({
          name: `${f.family}/${subset}/${weight}`,
          role: f.role as FontRole,
          weight,
          file: path.join(root, f.family, 'files', fontFileName(f.family, subset, weight, f.format)),
          ranges: parseUnicodeRange(range),
        });
      }
    }
  }
  cached = { root, faces };
  return faces;
}
