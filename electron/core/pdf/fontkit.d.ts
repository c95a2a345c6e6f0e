// fontkit (pdfkit's own font engine, same version) ships no types: the one call unicode-pdf.ts makes, and the font methods it uses.
declare module 'fontkit' {
  /** Parses an sfnt (TrueType/OpenType) font; the object pdfkit 0.20 registers as a font source. */
  export function create(buffer: Uint8Array): {
    layout(text: string, features?: unknown): unknown;
    glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number; codePoints: number[] };
  };
}
