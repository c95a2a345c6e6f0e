/**
 * Lays out text that needs no OpenType shaping — Latin, Greek and Cyrillic letters without combining marks,
 * punctuation, arrows, mathematical operators — as one glyph per code point with its advance width,
 * without fontkit's shaping engine. Why: fontkit runs every word through GSUB/GPOS lookups (~1 s of CPU for a
 * record on a cold process, most of a scripted ceremony's tail). Such text draws the same glyphs either
 * way; what is not applied is kerning and optional ligatures, which a record does not need. Anything else
 * (combining marks, CJK, scripts with contextual forms, zero-width and bidi controls, soft hyphens, the
 * fraction slash that makes "1⁄2" a fraction) still goes through fontkit's `layout`.
 */

/** Whether every code point of `text` draws as itself, with no substitution or mark positioning. */
const NEEDS_NO_SHAPING =
  /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u03ff\u0400-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u2043\u2045-\u205e\u20a0-\u20c0\u2100-\u218b\u2190-\u21ff\u2200-\u22ff]*$/;

/** The part of a fontkit glyph pdfkit reads (EmbeddedFont.encode / layoutRun). */
interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A fontkit font as far as this module uses it. */
export interface LayoutFont {
  layout(text: string, features?: unknown): unknown;
  glyphForCodePoint(codePoint: number): Glyph;
}

/**
 * The run pdfkit expects from `font.layout(text)`: glyphs, positions in font units, and advanceWidth
 * read *after* pdfkit scales the positions in place (hence a getter, as fontkit's GlyphRun has).
 */
export function unshapedRun(font: LayoutFont, text: string) {
  const glyphs: Glyph[] = [];
  const positions: GlyphPosition[] = [];
  for (const ch of text) {
    const glyph = font.glyphForCodePoint(ch.codePointAt(0) as number);
    glyphs.push(glyph);
    positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
  }
  return {
    glyphs,
    positions,
    get advanceWidth() {
      return positions.reduce((sum, p) => sum + p.xAdvance, 0);
    },
  };
}

/** Whether `unshapedRun` draws `text` as fontkit's shaping would (apart from kerning and ligatures). */
export function needsNoShaping(text: string): boolean {
  return NEEDS_NO_SHAPING.test(text);
}

/**
 * Makes `font.layout` take the unshaped path for text that needs no shaping (and no explicit OpenType
 * features); everything else goes to the font's own layout. Returns the same font object.
 */
export function withUnshapedLayout<F extends LayoutFont>(font: F): F {
  const shaped = font.layout.bind(font);
  font.layout = (text: string, features?: unknown) =>
    features === undefined && needsNoShaping(text) ? unshapedRun(font, text) : shaped(text, features);
  return font;
}
