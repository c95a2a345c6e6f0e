/**
 * The ceremony record as PDF: the blocks of record-content.ts drawn with pdfkit and the embedded Noto
 * fonts (electron/core/pdf), so every participant's name prints as typed. Every page carries the ceremony
 * id and "page n of N"; a rehearsal's every page says REHEARSAL at the top. The steps are drawn first (the
 * record worker draws them while the ceremony runs, RecordPdfDraft) and the summary part last, in front.
 */
import { createUnicodePdf, type UnicodePdf } from '../pdf';
import { recordContent, REHEARSAL_MARK, type Fact, type RecordBlock } from './record-content';
import type { CeremonyRecord } from './record-model';

const GREY = '#555555';
const RED = '#b71c1c';
const GREEN = '#1b5e20';
const LABEL_WIDTH = 140;

function facts(pdf: UnicodePdf, list: Fact[], indent = 0, size = 9.5): void {
  for (const fact of list) {
    pdf.keepTogether(size * 2.4);
    const y = pdf.doc.y;
    const labelBottom = pdf.textAt(fact.label, pdf.margin + indent, y, {
      size,
      bold: true,
      color: GREY,
      width: LABEL_WIDTH - 8,
    });
    pdf.doc.y = y;
    pdf.text(fact.value, { size, mono: fact.mono, indent: indent + LABEL_WIDTH });
    pdf.doc.y = Math.max(pdf.doc.y, labelBottom) + 2;
  }
}

function block(pdf: UnicodePdf, b: RecordBlock): void {
  switch (b.kind) {
    case 'heading':
      pdf.keepTogether(60);
      pdf.text(b.text, { size: 13, bold: true, gapBefore: 10 });
      pdf.doc.moveDown(0.2);
      return;
    case 'text':
      pdf.text(b.text, { size: 10 });
      pdf.doc.moveDown(0.3);
      return;
    case 'verdict':
      pdf.text(b.text, { size: 10, bold: true, color: b.ok ? GREEN : RED, gapBefore: 4 });
      return;
    case 'facts':
      facts(pdf, b.facts);
      return;
    case 'words': {
      pdf.keepTogether(40 + b.rows.length * 16);
      pdf.text(b.label, { size: 9, color: GREY });
      // Two lines of eight groups, so no group is split across lines.
      const groups = b.hash.split(' ');
      pdf.text(groups.slice(0, 9).join(' '), { size: 11, mono: true, gapBefore: 2 });
      if (groups.length > 9)
        pdf.text(`${' '.repeat(groups[0]!.length)} ${groups.slice(9).join(' ')}`, { size: 11, mono: true });
      pdf.doc.moveDown(0.4);
      const column = pdf.contentWidth / 4;
      for (const row of b.rows) {
        const y = pdf.doc.y;
        row.forEach((cell, i) => {
          const x = pdf.margin + i * column;
          pdf.textAt(String(cell.number).padStart(2, ' '), x, y + 1.5, { size: 8, mono: true, color: GREY });
          pdf.textAt(cell.word, x + 16, y, { size: 11, bold: true });
        });
        pdf.doc.y = y + 16;
      }
      return;
    }
    case 'event':
      pdf.keepTogether(48);
      pdf.text(`${b.number}  ${b.title}`, {
        size: 10,
        bold: true,
        color: b.failed ? RED : '#000000',
        gapBefore: 5,
      });
      pdf.text(b.when, { size: 8, color: GREY, indent: 12 });
      facts(pdf, b.facts, 12, 8.5);
      return;
    case 'signoff':
      pdf.text(b.intro, { size: 9 });
      for (const s of b.signers) {
        pdf.keepTogether(70);
        pdf.text(`${s.role}: ${s.name}`, { size: 11, bold: true, gapBefore: 18 });
        pdf.text('Signature: ______________________________    Date: ____________________', {
          size: 10,
          gapBefore: 16,
        });
      }
      return;
  }
}

/** Blocks drawn the same in every record, so one drawn earlier and one drawn now compare as JSON. */
const same = (a: RecordBlock, b: RecordBlock) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * A record PDF drawn in two parts, so that most of it can be drawn while its ceremony runs: first the steps
 * part (`add`, as the transcript grows: recordContent's `steps` of the steps so far), then, once the record
 * is built from the closed and verified transcript, the rest (`finish`): any steps not drawn yet and the
 * sign-off, then the summary part on pages of its own, which are moved in front. renderRecordPdf draws
 * every record the same way in one go, so a record drawn in two parts is the same document, byte for byte.
 */
export class RecordPdfDraft {
  private readonly drawn: RecordBlock[] = [];
  private finished = false;

  private constructor(private readonly pdf: UnicodePdf) {}

  /** A new A4 document, its metadata set at `finish`. Errors: AppError FONTS_MISSING. */
  static async begin(): Promise<RecordPdfDraft> {
    return new RecordPdfDraft(
      await createUnicodePdf({ title: 'Key ceremony record', createdAt: new Date(0) }),
    );
  }

  /** How many blocks of the steps part are drawn. */
  get blocksDrawn(): number {
    return this.drawn.length;
  }

  /**
   * Draws the blocks of `steps` (a steps part: heading, then events) beyond those drawn; false, drawing
   * nothing, when `steps` does not begin with the blocks drawn (a step read differently than the draft
   * guessed) or the document is finished.
   */
  add(steps: RecordBlock[]): boolean {
    if (this.finished || steps.length < this.drawn.length) return false;
    if (!this.drawn.every((b, i) => same(b, steps[i]!))) return false;
    for (const b of steps.slice(this.drawn.length)) {
      block(this.pdf, b);
      this.drawn.push(b);
    }
    return true;
  }

  /**
   * The PDF of `record`, continuing what is drawn (the draft is then used up); null, drawing nothing, when
   * the record's steps do not begin with the blocks drawn: then draw it anew (renderRecordPdf).
   */
  async finish(record: CeremonyRecord): Promise<Buffer | null> {
    const content = recordContent(record);
    if (!this.add(content.steps)) return null;
    this.finished = true;
    const { pdf } = this;
    for (const b of content.tail) block(pdf, b);
    const summaryFrom = pdf.doc.bufferedPageRange().count;
    pdf.doc.addPage();
    pdf.text(content.title, { size: 18, bold: true, color: record.summary.rehearsal ? RED : '#000000' });
    pdf.text(content.subtitle, { size: 10, mono: true, color: GREY });
    for (const b of content.head) block(pdf, b);
    pdf.movePagesToFront(summaryFrom);
    pdf.setInfo({
      title: `${content.title} ${record.ceremonyId}`,
      subject: record.summary.keyArn ?? 'KMS key ceremony',
      createdAt: new Date(record.generatedAt),
    });
    return pdf.finish((p, page) => {
      if (record.summary.rehearsal)
        p.textAt(REHEARSAL_MARK, p.margin, 24, { size: 10, bold: true, color: RED });
      p.textAt(
        `Key ceremony ${record.ceremonyId} · page ${page.number} of ${page.count}`,
        p.margin,
        p.doc.page.height - 34,
        { size: 8, color: GREY },
      );
    });
  }
}

/**
 * The record as PDF bytes (A4): the summary part first, then the steps from a page of their own, then the
 * sign-off. Errors: AppError FONTS_MISSING when the fonts are not installed.
 */
export async function renderRecordPdf(record: CeremonyRecord): Promise<Buffer> {
  const pdf = await (await RecordPdfDraft.begin()).finish(record);
  // A new draft has drawn nothing that a record's steps could contradict.
  if (!pdf) throw new Error('renderRecordPdf: a new draft refused the record');
  return pdf;
}
