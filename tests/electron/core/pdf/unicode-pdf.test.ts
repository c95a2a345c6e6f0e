/**
 * The embedded fonts are parsed once per process and shared by every document (unicode-pdf.ts): each
 * document must still be exactly what it would be alone — its own subset of glyphs, nothing carried over.
 * Metadata set after drawing, and pages moved in front, give the document drawn in the usual order (poppler's
 * pdftotext reads the pages back; the CI machine installs it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

describe('textAt', () => {
  it('leaves the flow where it was and returns the y below wrapped text', async () => {
    const pdf = await createUnicodePdf({ title: 'cells', createdAt: new Date(0) });
    const style = { size: 9.5, bold: true, width: 132 };
    const labels = [
      'Key ARN',
      'Fingerprint confirmed by the witnesses of both stations',
      'Łukasz Dvořák 李雷 Алексей',
    ];
    const heights = labels.map((label) => {
      pdf.doc.y = 100;
      const bottom = pdf.textAt(label, pdf.margin, 100, style);
      expect(pdf.doc.y).toBe(100);
      // The same text in the flow moves the cursor down by the height it took.
      pdf.text(label, style);
      expect(bottom).toBeCloseTo(pdf.doc.y, 6);
      return bottom - 100;
    });
    expect(heights[1]).toBeGreaterThan(2 * heights[0]!); // it wrapped
    // One font, one run: what pdfkit's heightOfString measures.
    expect(heights[1]).toBeCloseTo(pdf.doc.heightOfString(labels[1]!, { width: 132 }), 6);
  }, 60_000);
});

describe('metadata set late and pages moved in front (a record drawn while its ceremony runs)', () => {
  const info = {
    title: 'Key ceremony record 20261130T005617Z-2f946d',
    subject: 'arn:aws:kms:k',
    createdAt: new Date(1e12),
  };

  it('setInfo gives the bytes of a document made with that metadata: Info entries and file identifier', async () => {
    const upfront = await createUnicodePdf(info);
    upfront.text('Ada Officer');
    const late = await createUnicodePdf({ title: 'draft', createdAt: new Date(0) });
    late.text('Ada Officer');
    late.setInfo(info);
    const a = await upfront.finish();
    const b = await late.finish();
    expect(b.equals(a)).toBe(true);
    // And the identifier does follow the metadata: another title, another /ID.
    const other = await createUnicodePdf({ title: 'draft', createdAt: new Date(0) });
    other.text('Ada Officer');
    other.setInfo({ ...info, title: 'Another record' });
    const id = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))![1];
    expect(id(await other.finish())).not.toBe(id(a));
  }, 60_000);

  it('movePagesToFront puts the last pages first, in their order, and numbers every page in that order', async () => {
    const pdf = await createUnicodePdf(info);
    for (const [i, name] of ['alpha', 'bravo', 'charlie', 'delta'].entries()) {
      if (i > 0) pdf.doc.addPage();
      pdf.text(`page-${name}`);
    }
    pdf.movePagesToFront(2);
    const bytes = await pdf.finish((p, page) =>
      p.textAt(`number ${page.number} of ${page.count}`, p.margin, 20),
    );
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kms-pages-')), 'p.pdf');
    writeFileSync(file, bytes);
    const pages = [1, 2, 3, 4].map((n) =>
      execFileSync('pdftotext', ['-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }),
    );
    expect(pages.map((t) => /page-(\w+)/.exec(t)![1])).toEqual(['charlie', 'delta', 'alpha', 'bravo']);
    expect(pages.map((t) => /number (\d) of 4/.exec(t)![1])).toEqual(['1', '2', '3', '4']);
    expect(() => pdf.movePagesToFront(1)).toThrow(); // written out by finish: nothing to move any more
  }, 60_000);
});
