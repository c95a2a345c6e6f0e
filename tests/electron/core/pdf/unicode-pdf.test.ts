/**
 * The embedded fonts are parsed once per process and shared by every document (unicode-pdf.ts): each
 * document must still be exactly what it would be alone — its own subset of glyphs, nothing carried over.
 */
import { describe, expect, it } from 'vitest';
import { createUnicodePdf } from '../../../../electron/core/pdf';

async function sheet(lines: string[]): Promise<Buffer> {
  const pdf = await createUnicodePdf({ title: 'fonts', createdAt: new Date(0) });
  for (const line of lines) pdf.text(line, { size: 11 });
  pdf.text('0123 4567 89ab cdef', { mono: true, bold: true });
  return pdf.finish();
}

describe('fonts shared between documents', () => {
  it('a document drawn after another with other scripts and glyphs is byte for byte the same', async () => {
    const latin = ['Ada Officer', 'Wes Witness'];
    const first = await sheet(latin);
    const other = await sheet(['Łukasz Dvořák', 'Алексей', 'Γιώργος', '李雷', 'Ada Officer, bold words']);
    const again = await sheet(latin);
    expect(other.equals(first)).toBe(false);
    expect(again.equals(first)).toBe(true);
    // The glyphs of the other document are not embedded in this one.
    expect(again.length).toBeLessThan(other.length);
  }, 60_000);
});
