import { renderShareLines, renderShareText, shareHeaderLines } from './share-text';
import { documentChecksum, shareLabel, type Share } from './share';

/**
 * The printed share sheet (A4 PDF, by `pdfkit`): what one custodian takes away and seals. It shows the
 * backup's header (ceremony, key, KeySpec, check value, share i of N, threshold M), the share as numbered
 * lines of hex groups each ending in its checksum, the closing checksum, a QR code holding the same text
 * (by `qrcode`, drawn as vector rectangles: it scans back into exactly what a custodian would type), and a
 * receipt block for the custodian's signature. If the share is too long for one QR code (large RSA keys),
 * the sheet says so and the lines are the only form.
 *
 * The returned PDF holds a share: the caller prints it or writes it only where the user asked (0600),
 * and wipes the buffer. pdfkit and qrcode are loaded on first use.
 */
export interface SheetOptions {
  /** The custodian the sheet is for (printed in the receipt block). */
  custodian?: string;
  /** When the backup was made (printed; defaults to now). */
  createdAt?: Date;
}

const PAGE = { margin: 50, qrSize: 170 };
/** Courier's advance width: every glyph is 600/1000 em. */
const COURIER_ADVANCE = 0.6;

/**
 * The sheet's fonts. Standard PDF fonts (no embedding, WinAnsi text); the shared PDF module
 * (electron/core/pdf, Unicode font) replaces this one set-up call when it lands.
 */
function setUpFonts(doc: PDFKit.PDFDocument) {
  doc.registerFont('sheet-regular', 'Helvetica');
  doc.registerFont('sheet-bold', 'Helvetica-Bold');
  doc.registerFont('sheet-mono', 'Courier-Bold');
  return { regular: 'sheet-regular', bold: 'sheet-bold', mono: 'sheet-mono' };
}

export async function renderShareSheetPdf(share: Share, options: SheetOptions = {}): Promise<Buffer> {
  const [{ default: PDFDocument }, QRCode] = await Promise.all([import('pdfkit'), import('qrcode')]);
  const h = share.header;
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    info: { Title: `Key share ${h.index} of ${h.total} — backup ${h.backupId}`, Creator: 'KMS Key Ceremony' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const fonts = setUpFonts(doc);
  const left = PAGE.margin;
  const textWidth = doc.page.width - 2 * PAGE.margin - PAGE.qrSize - 20;

  doc
    .font(fonts.bold)
    .fontSize(18)
    .text('KMS Key Ceremony — key share', left, PAGE.margin, { width: textWidth });
  doc
    .font(fonts.bold)
    .fontSize(13)
    .text(`Share ${h.index} of ${h.total} · any ${h.threshold} rebuild the key`, { width: textWidth });
  doc.moveDown(0.6);
  const fields: [string, string][] = [
    ['Ceremony', h.ceremonyId ?? '—'],
    ['Key', h.key],
    ['KeySpec', h.keySpec],
    ['Check value', `${h.checkValue.kind} ${h.checkValue.value}`],
    ['Backup', h.backupId],
    ['Share', `${h.index} of ${h.total}`],
    ['Threshold', `${h.threshold} (M of N)`],
    ['Made', (options.createdAt ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z')],
  ];
  for (const [label, value] of fields) {
    const y = doc.y;
    doc.font(fonts.regular).fontSize(9).fillColor('#555555').text(label, left, y, { width: 80 });
    doc
      .font(fonts.bold)
      .fontSize(10)
      .fillColor('black')
      .text(value, left + 80, y, { width: textWidth - 80 });
    doc.moveDown(0.25);
  }

  drawQr(doc, QRCode, share, doc.page.width - PAGE.margin - PAGE.qrSize, PAGE.margin, fonts.regular);

  doc.y = Math.max(doc.y, PAGE.margin + PAGE.qrSize + 30) + 10;
  doc
    .font(fonts.bold)
    .fontSize(11)
    .text('The share — type every line exactly; the last group of each line is its checksum', left);
  doc.moveDown(0.4);
  const lines = renderShareLines(share);
  try {
    // The header lines too, so the sheet's text is complete for typing back. Never wrapped: a long key ARN
    // is set smaller instead, since a wrapped line would be typed back as two.
    const width = doc.page.width - 2 * PAGE.margin;
    const mono = (line: string, gap: number) =>
      doc
        .font(fonts.mono)
        .fontSize(Math.min(11.5, (width - 2) / (COURIER_ADVANCE * line.length)))
        .text(line, left, undefined, { lineGap: gap, width });
    for (const line of shareHeaderLines(h)) mono(line, 1);
    for (const line of lines.toString('latin1').trimEnd().split('\n')) mono(line, 3);
    mono(`Checksum: ${documentChecksum(share)}`, 1);
  } finally {
    lines.fill(0);
  }

  doc.moveDown(1);
  doc.font(fonts.bold).fontSize(10).text('Custody');
  doc
    .font(fonts.regular)
    .fontSize(9)
    .text(
      `Any ${h.threshold} of the ${h.total} shares of backup ${h.backupId} rebuild the key material of ${h.key}; ` +
        `fewer than ${h.threshold} reveal nothing about it. Keep this sheet sealed in a tamper-evident bag, ` +
        'record the bag number, never photograph or copy it, and bring it only to a witnessed reimport ceremony.',
      { width: doc.page.width - 2 * PAGE.margin },
    );
  doc.moveDown(1.2);
  const receipt = `Received by: ${options.custodian ?? '________________________'}      Signature: ______________________      Date: ____________`;
  doc.font(fonts.regular).fontSize(9).text(receipt);
  doc
    .fontSize(8)
    .fillColor('#555555')
    .text(`${shareLabel(h)} · backup ${h.backupId}`, left, doc.page.height - PAGE.margin - 10, {
      lineBreak: false,
    });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function drawQr(
  doc: PDFKit.PDFDocument,
  QRCode: typeof import('qrcode'),
  share: Share,
  x: number,
  y: number,
  font: string,
): void {
  const text = renderShareText(share);
  try {
    const qr = shareQrSymbol(QRCode, text);
    if (!qr) {
      doc
        .font(font)
        .fontSize(9)
        .text('This share is too long for a QR code: type the numbered lines.', x, y + 60, {
          width: PAGE.qrSize,
          align: 'center',
        });
      return;
    }
    const n = qr.modules.size;
    const quiet = 4; // the quiet zone ISO/IEC 18004 requires around the symbol
    const cell = PAGE.qrSize / (n + 2 * quiet);
    doc.save().fillColor('black');
    for (let row = 0; row < n; row++) {
      let run = -1;
      for (let col = 0; col <= n; col++) {
        const dark = col < n && qr.modules.get(row, col) === 1;
        if (dark && run < 0) run = col;
        if (!dark && run >= 0) {
          doc.rect(x + (quiet + run) * cell, y + (quiet + row) * cell, (col - run) * cell, cell);
          run = -1;
        }
      }
    }
    doc.fill().restore();
    qr.modules.data.fill(0);
    doc
      .font(font)
      .fontSize(8)
      .fillColor('#555555')
      .text('QR code: the same text as below', x, y + PAGE.qrSize + 2, {
        width: PAGE.qrSize,
        align: 'center',
      });
    doc.fillColor('black');
  } finally {
    text.fill(0);
  }
}

/**
 * The QR symbol of a share's text (byte mode, error correction M: 15 % of the symbol may be soiled), or null
 * when the text exceeds the largest symbol (version 40). Scanning it yields exactly the share text.
 */
export function shareQrSymbol(QRCode: typeof import('qrcode'), text: Uint8Array) {
  try {
    return QRCode.create([{ data: text, mode: 'byte' }], { errorCorrectionLevel: 'M' });
  } catch {
    return null;
  }
}
