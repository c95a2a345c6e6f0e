import { createUnicodePdf, type UnicodePdf } from '../pdf';
import { renderShareLines, renderShareText, shareHeaderLines } from './share-text';
import { documentChecksum, shareLabel, type Share } from './share';

/**
 * The printed share sheet (A4 PDF, through the shared Unicode PDF module electron/core/pdf — the same
 * pdfkit set-up and embedded Noto fonts as the ceremony record, so a custodian's or key's name prints as
 * typed): what one custodian takes away and seals. It shows the backup's header (ceremony, key, KeySpec,
 * check value, share i of N, threshold M), the share as numbered lines of hex groups each ending in its
 * checksum, the closing checksum, a QR code holding the same text (by `qrcode`, drawn as vector
 * rectangles: it scans back into exactly what a custodian would type), and a receipt block for the
 * custodian's signature. If the share is too long for one QR code (large RSA keys), the sheet says so and
 * the lines are the only form.
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
/** Noto Sans Mono's advance width: every glyph is 600/1000 em. */
const MONO_ADVANCE = 0.6;

export async function renderShareSheetPdf(share: Share, options: SheetOptions = {}): Promise<Buffer> {
  const h = share.header;
  const [pdf, qrModule] = await Promise.all([
    createUnicodePdf({
      title: `Key share ${h.index} of ${h.total} — backup ${h.backupId}`,
      createdAt: options.createdAt ?? new Date(),
      margin: PAGE.margin,
    }),
    import('qrcode'),
  ]);
  // qrcode is CommonJS: Node's ESM loader (the built CLI) puts its exports under `default`, tsx does not.
  const QRCode = (
    'create' in qrModule ? qrModule : (qrModule as { default: unknown }).default
  ) as typeof import('qrcode');
  const doc = pdf.doc;
  const left = PAGE.margin;
  const textWidth = pdf.contentWidth - PAGE.qrSize - 20;

  doc.y = PAGE.margin;
  pdf.text('KMS Key Ceremony — key share', { size: 18, bold: true, width: textWidth });
  pdf.text(`Share ${h.index} of ${h.total} · any ${h.threshold} rebuild the key`, {
    size: 13,
    bold: true,
    width: textWidth,
  });
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
    pdf.textAt(label, left, doc.y, { size: 9, color: '#555555' });
    pdf.text(value, { size: 10, bold: true, indent: 80, width: textWidth - 80 });
    doc.moveDown(0.25);
  }

  drawQr(pdf, QRCode, share, doc.page.width - PAGE.margin - PAGE.qrSize, PAGE.margin);

  doc.y = Math.max(doc.y, PAGE.margin + PAGE.qrSize + 30) + 10;
  pdf.text('The share — type every line exactly; the last group of each line is its checksum', {
    size: 11,
    bold: true,
  });
  doc.moveDown(0.4);
  const lines = renderShareLines(share);
  try {
    // The header lines too, so the sheet's text is complete for typing back. Never wrapped: a long key ARN
    // is set smaller instead, since a wrapped line would be typed back as two.
    const width = pdf.contentWidth;
    const mono = (line: string) =>
      pdf.text(line, {
        mono: true,
        bold: true,
        size: Math.min(11.5, (width - 2) / (MONO_ADVANCE * line.length)),
      });
    for (const line of shareHeaderLines(h)) mono(line);
    for (const line of lines.toString('latin1').trimEnd().split('\n')) mono(line);
    mono(`Checksum: ${documentChecksum(share)}`);
  } finally {
    lines.fill(0);
  }

  doc.moveDown(1);
  pdf.text('Custody', { size: 10, bold: true });
  pdf.text(
    `Any ${h.threshold} of the ${h.total} shares of backup ${h.backupId} rebuild the key material of ${h.key}; ` +
      `fewer than ${h.threshold} reveal nothing about it. Keep this sheet sealed in a tamper-evident bag, ` +
      'record the bag number, never photograph or copy it, and bring it only to a witnessed reimport ceremony.',
    { size: 9 },
  );
  doc.moveDown(1.2);
  pdf.text(
    `Received by: ${options.custodian ?? '________________________'}      Signature: ______________________      Date: ____________`,
    { size: 9 },
  );
  return pdf.finish((p) =>
    p.textAt(`${shareLabel(h)} · backup ${h.backupId}`, left, doc.page.height - PAGE.margin - 10, {
      size: 8,
      color: '#555555',
    }),
  );
}

function drawQr(pdf: UnicodePdf, QRCode: typeof import('qrcode'), share: Share, x: number, y: number): void {
  const doc = pdf.doc;
  const text = renderShareText(share);
  try {
    const qr = shareQrSymbol(QRCode, text);
    if (!qr) {
      pdf.textAt('This share is too long for a QR code: type the numbered lines.', x, y + 60, {
        size: 9,
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
    pdf.textAt('QR code: the same text as below', x, y + PAGE.qrSize + 2, {
      size: 8,
      color: '#555555',
      width: PAGE.qrSize,
      align: 'center',
    });
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
  } catch (error) {
    // Only "too big" means a sheet of typed lines; anything else is a bug to report, not a missing QR code.
    if (error instanceof Error && /too big/i.test(error.message)) return null;
    throw error;
  }
}
