/**
 * A PDF document (pdfkit) with the embedded Noto fonts registered and a script-aware text helper, so any
 * name a participant types — "Łukasz Dvořák", "Алексей", "Γιώργος", "李雷" — prints as typed. Used by the
 * ceremony record and by any other printed sheet. pdfkit is imported only when a document is made, so
 * starting the app or the CLI does not load it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type PDFKit from 'pdfkit';
import { fontFaces, type FontFace } from './font-files';
import { textRuns } from './text-runs';
import { withUnshapedLayout } from './unshaped-layout';
import { woffToSfnt } from './woff-to-sfnt';

type FontkitCreate = typeof import('fontkit').create;
type ParsedFont = ReturnType<FontkitCreate>;

/**
 * Font file → its fontkit font, converted (woff-to-sfnt.ts) and parsed once per process (public data).
 * Why: pdfkit would parse the font again for every document, and fontkit decodes its tables and sets up
 * its OpenType lookups lazily, per font object; shared, the second document (the record after a warm-up,
 * or the next sheet) starts with them ready. The bytes pdfkit writes are the same: each document still
 * makes its own subset of the glyphs it used. Text that needs no shaping skips fontkit's shaping engine
 * (unshaped-layout.ts).
 */
const parsedFonts = new Map<string, ParsedFont>();
function parsedFont(create: FontkitCreate, file: string): ParsedFont {
  let font = parsedFonts.get(file);
  if (!font) parsedFonts.set(file, (font = withUnshapedLayout(create(woffToSfnt(readFileSync(file))))));
  return font;
}

export interface TextStyle {
  /** Points; default 10. */
  size?: number;
  bold?: boolean;
  /** Monospaced digits and letters (hashes, identifiers); other scripts fall back to the text faces. */
  mono?: boolean;
  /** CSS-like colour, e.g. "#b71c1c"; default black. */
  color?: string;
  /** Points from the left margin. */
  indent?: number;
  /** Extra space above, in points. */
  gapBefore?: number;
  /** Wrap width in points; default: to the right margin. */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

export interface PageInfo {
  /** 1-based page number. */
  number: number;
  count: number;
}

export const A4 = { width: 595.28, height: 841.89 };

/** What goes into a document's metadata (the PDF's Info dictionary). */
export interface DocumentInfo {
  title: string;
  subject?: string;
  /** Fixes the document's dates, so the same content gives the same metadata. */
  createdAt: Date;
}

function infoEntries(info: DocumentInfo): Record<string, string | Date> {
  return {
    Title: info.title,
    ...(info.subject ? { Subject: info.subject } : {}),
    Creator: 'KMS Key Ceremony',
    Producer: 'KMS Key Ceremony (pdfkit)',
    CreationDate: info.createdAt,
    ModDate: info.createdAt,
  };
}

/**
 * The pdfkit internals (pinned pdfkit 0.20.2, js/pdfkit.js) that setInfo and movePagesToFront change:
 * the Info entries and the file identifier derived from them, the buffered pages, the page tree's kids.
 */
interface PdfkitInternals {
  info: Record<string, string | Date>;
  _id: Uint8Array;
  _pageBuffer: unknown[];
  _pageBufferStart: number;
  _root: { data: { Pages: { data: { Kids: unknown[] } } } };
}

export class UnicodePdf {
  /** Faces registered with pdfkit so far: only those a document draws with are read and converted. */
  private readonly registered = new Set<string>();

  constructor(
    /** The pdfkit document, for drawing (lines, rectangles); write text through `text`/`textAt`. */
    readonly doc: PDFKit.PDFDocument,
    private readonly faces: FontFace[],
    private readonly createFont: FontkitCreate,
  ) {
    this.useFont(faces[0] as FontFace);
  }

  get margin(): number {
    return this.doc.page.margins.left;
  }

  /** Width between the margins, in points. */
  get contentWidth(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Space left on this page above the bottom margin, in points. */
  get spaceLeft(): number {
    return this.doc.page.height - this.doc.page.margins.bottom - this.doc.y;
  }

  /** Starts a new page unless `points` of height are left on this one (keeps blocks together). */
  keepTogether(points: number): void {
    if (this.spaceLeft < points) this.doc.addPage();
  }

  /** A wrapped paragraph at the cursor (left margin + indent), in as many fonts as its scripts need. */
  text(text: string, style: TextStyle = {}): void {
    if (style.gapBefore) this.doc.moveDown(style.gapBefore / this.doc.currentLineHeight(true));
    const indent = style.indent ?? 0;
    this.draw(text, style, this.margin + indent, this.doc.y, {
      width: style.width ?? this.contentWidth - indent,
      align: style.align ?? 'left',
    });
    this.doc.x = this.margin;
  }

  /**
   * Text at a fixed position without moving the flow (cells, headers, footers); no wrap unless `width`.
   * Returns the y below it when it wraps (`width`): the height it took, without laying it out again.
   */
  textAt(text: string, x: number, y: number, style: TextStyle = {}): number {
    const { x: keepX, y: keepY } = this.doc;
    this.draw(text, style, x, y, {
      lineBreak: style.width !== undefined,
      ...(style.width !== undefined ? { width: style.width } : {}),
      align: style.align ?? 'left',
    });
    const bottom = this.doc.y;
    this.doc.x = keepX;
    this.doc.y = keepY;
    return bottom;
  }

  /** Width of `text` in points in this style (sum over its font runs). */
  widthOf(text: string, style: TextStyle = {}): number {
    let width = 0;
    for (const run of this.runs(text, style)) {
      this.useFont(run.face).fontSize(style.size ?? 10);
      width += this.doc.widthOfString(run.text);
    }
    return width;
  }

  /**
   * Sets the metadata of a document begun before it was known (a record drawn while its ceremony runs):
   * the same Info entries as createUnicodePdf's `info`, in the same order, and the file identifier in the
   * trailer derived from them again as pdfkit derives it when a document is made (PDFSecurity.
   * generateFileID: MD5 of the creation time and every entry), so the bytes do not depend on when it was known.
   */
  setInfo(info: DocumentInfo): void {
    const doc = this.doc as unknown as PdfkitInternals;
    doc.info = { Producer: 'PDFKit', Creator: 'PDFKit', CreationDate: info.createdAt, ...infoEntries(info) };
    let text = `${info.createdAt.getTime()}\n`;
    for (const [key, value] of Object.entries(doc.info)) text += `${key}: ${String(value.valueOf())}\n`;
    doc._id = new Uint8Array(createHash('md5').update(text, 'utf8').digest());
  }

  /**
   * Moves the pages from index `from` (0-based) on in front of the others, in their order: what is drawn
   * last can be read first (a record's summary, drawn once its ceremony is closed, before the steps drawn
   * while it ran). Every page is still buffered until `finish` (the document buffers its pages). Call it
   * after the last page is drawn: the current page stays the one drawn last, now in the middle, so text that
   * flowed on from it would start a page there.
   */
  movePagesToFront(from: number): void {
    const doc = this.doc as unknown as PdfkitInternals;
    const kids = doc._root.data.Pages.data.Kids;
    if (doc._pageBufferStart !== 0 || kids.length !== doc._pageBuffer.length) {
      throw new Error('movePagesToFront: pages were already written out');
    }
    doc._pageBuffer.unshift(...doc._pageBuffer.splice(from));
    kids.unshift(...kids.splice(from));
  }

  /**
   * Ends the document: `decorate` draws on every page once the page count is known (headers, footers,
   * watermarks), then the bytes.
   */
  async finish(decorate?: (pdf: UnicodePdf, page: PageInfo) => void): Promise<Buffer> {
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve, reject) => {
      // One non-pooled buffer the caller may wipe (a share sheet holds a share), and pdfkit's chunks wiped:
      // Buffer.concat would put a small document in Node's shared pool, where filling it hits others' bytes.
      this.doc.on('end', () => {
        const out = Buffer.allocUnsafeSlow(chunks.reduce((n, c) => n + c.length, 0));
        let at = 0;
        for (const chunk of chunks) at += chunk.copy(out, at);
        for (const chunk of chunks) chunk.fill(0);
        resolve(out);
      });
      this.doc.on('error', reject);
    });
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Drawing in the margins must not make pdfkit start a new page.
      const margins = { ...this.doc.page.margins };
      this.doc.page.margins = { top: 0, bottom: 0, left: margins.left, right: margins.right };
      decorate?.(this, { number: i - range.start + 1, count: range.count });
      this.doc.page.margins = margins;
    }
    this.doc.end();
    return done;
  }

  private useFont(face: FontFace): PDFKit.PDFDocument {
    if (!this.registered.has(face.name)) {
      // A fontkit font object is a source pdfkit accepts (PDFFontFactory.open); its typings say bytes only.
      this.doc.registerFont(face.name, parsedFont(this.createFont, face.file) as unknown as Uint8Array);
      this.registered.add(face.name);
    }
    return this.doc.font(face.name);
  }

  private runs(text: string, style: TextStyle) {
    return textRuns(text, this.faces, style.mono ? 'mono' : 'text', style.bold ? 700 : 400);
  }

  private draw(text: string, style: TextStyle, x: number, y: number, options: PDFKit.Mixins.TextOptions) {
    const runs = this.runs(text.length > 0 ? text : ' ', style);
    this.doc.fillColor(style.color ?? '#000000');
    runs.forEach((run, i) => {
      this.useFont(run.face).fontSize(style.size ?? 10);
      const continued = i < runs.length - 1;
      if (i === 0) this.doc.text(run.text, x, y, { ...options, continued });
      else this.doc.text(run.text, { continued });
    });
    this.doc.fillColor('#000000');
  }
}

/**
 * A new A4 document with the fonts registered. `info` goes into the PDF's metadata; `createdAt` fixes
 * its dates (the record's generation time, so the same record gives the same metadata).
 * Errors: AppError FONTS_MISSING when the font files are not installed.
 */
export async function createUnicodePdf(info: DocumentInfo & { margin?: number }): Promise<UnicodePdf> {
  const faces = fontFaces();
  const [{ default: PDFDocument }, { create }] = await Promise.all([import('pdfkit'), import('fontkit')]);
  const doc = new PDFDocument({
    size: 'A4',
    margin: info.margin ?? 56,
    bufferPages: true,
    // No standard-14 font: pdfkit would load Helvetica's metrics, and every glyph we draw is embedded.
    font: null as unknown as string,
    info: infoEntries(info) as PDFKit.DocumentInfo,
  });
  return new UnicodePdf(doc, faces, create);
}
