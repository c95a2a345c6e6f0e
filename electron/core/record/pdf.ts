/**
 * A minimal, valid PDF 1.4 writer for text-only documents: Helvetica / Helvetica-Bold (standard Type 1
 * fonts every reader has, so nothing is embedded), WinAnsi encoding, A4 pages, word wrap, page footers.
 * Why our own: no PDF library is a dependency, and a ceremony record needs nothing more.
 */
export interface PdfLine {
  text: string;
  size?: number;
  bold?: boolean;
  /** Extra space above the line, in points. */
  gapBefore?: number;
  indent?: number;
}

const PAGE = { width: 595.28, height: 841.89, margin: 56, footerY: 30 };

// Helvetica advance widths (1/1000 em) for ASCII 32..126, from the standard font metrics.
// prettier-ignore
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667,
  556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
  556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
  500, 500, 500, 334, 260, 334, 584,
];

/** Unicode → WinAnsi for the characters our texts use; anything else outside Latin-1 becomes "?". */
const WIN_ANSI: Record<string, string> = {
  '\u2013': '\x96',
  '\u2014': '\x97',
  '\u2018': '\x91',
  '\u2019': '\x92',
  '\u201c': '\x93',
  '\u201d': '\x94',
  '\u2026': '\x85',
  '\u2022': '\x95',
  '\u20ac': '\x80',
  '\u2192': '->',
  '\u2265': '>=',
  '\u2264': '<=',
  '\u00d7': 'x',
};

export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const mapped = WIN_ANSI[ch];
    if (mapped !== undefined) out += mapped;
    else {
      const code = ch.codePointAt(0) as number;
      out += (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) ? ch : '?';
    }
  }
  return out;
}

function textWidth(text: string, size: number, bold: boolean): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    units += code >= 32 && code <= 126 ? (WIDTHS[code - 32] as number) : 556;
  }
  return (units * size * (bold ? 1.08 : 1)) / 1000; // bold is wider: stay on the safe side
}

/** Greedy word wrap; a word longer than the line (a hash, an ARN) is cut. */
export function wrapText(text: string, size: number, bold: boolean, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate, size, bold) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    while (textWidth(current, size, bold) > maxWidth) {
      let cut = current.length - 1;
      while (cut > 1 && textWidth(current.slice(0, cut), size, bold) > maxWidth) cut--;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  lines.push(current);
  return lines;
}

function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

export function renderTextPdf(
  lines: PdfLine[],
  options: { title: string; footer?: string; createdAt?: Date },
): Buffer {
  const pages: string[][] = [[]];
  let y = PAGE.height - PAGE.margin;
  for (const line of lines) {
    const size = line.size ?? 10;
    const bold = line.bold ?? false;
    const indent = line.indent ?? 0;
    const leading = size * 1.3;
    y -= line.gapBefore ?? 0;
    for (const piece of wrapText(toWinAnsi(line.text), size, bold, PAGE.width - 2 * PAGE.margin - indent)) {
      if (y - leading < PAGE.margin) {
        pages.push([]);
        y = PAGE.height - PAGE.margin;
      }
      y -= leading;
      (pages[pages.length - 1] as string[]).push(
        `BT /${bold ? 'F2' : 'F1'} ${size} Tf ${(PAGE.margin + indent).toFixed(2)} ${y.toFixed(2)} Td ${pdfString(piece)} Tj ET`,
      );
    }
  }

  const objects: string[] = [];
  const pageCount = pages.length;
  const firstPage = 6;
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pages.map((_, i) => `${firstPage + 2 * i} 0 R`).join(' ')}] /Count ${pageCount} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  const stamp = (options.createdAt ?? new Date()).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  objects[5] = `<< /Title ${pdfString(toWinAnsi(options.title))} /Producer (KMS Key Ceremony) /CreationDate (D:${stamp}Z) >>`;
  pages.forEach((content, i) => {
    const footer = `${options.footer ?? options.title} - page ${i + 1} of ${pageCount}`;
    const stream = [
      ...content,
      `BT /F1 8 Tf ${PAGE.margin} ${PAGE.footerY} Td ${pdfString(toWinAnsi(footer))} Tj ET`,
    ].join('\n');
    objects[firstPage + 2 * i] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${firstPage + 2 * i + 1} 0 R >>`;
    objects[firstPage + 2 * i + 1] =
      `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });

  // Offsets are byte positions, so everything is assembled as latin1 (one byte per WinAnsi character).
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = Buffer.byteLength(body, 'latin1');
    body += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let n = 1; n < objects.length; n++) body += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
