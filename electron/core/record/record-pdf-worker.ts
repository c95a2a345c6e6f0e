/**
 * What the record's worker thread runs (see record-pdf-thread.ts; the compiled CLI's worker entry is
 * electron/cli/record-pdf-worker-boot.ts, which loads this bundled with pdfkit through the code cache):
 * loads pdfkit and the fonts and lays out a throw-away page while the ceremony is still talking to KMS, so
 * the record of the closed transcript is drawn by warm code on another core instead of cold code on the
 * ceremony's thread. Messages: in `{ id, record }`, out `{ id, pdf }` or `{ id, error }`.
 */
import { randomBytes } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import { AppError } from '../errors';
import { createUnicodePdf } from '../pdf';
import type { CeremonyRecord } from './record-model';
import { renderRecordPdf } from './record-pdf';

/**
 * A page of distinct words in every style the record uses (its bytes are thrown away): it loads pdfkit and
 * the fonts and runs the layout code once (pdfkit caches a word it has laid out, hence distinct words). It
 * yields between paragraphs and stops as soon as a record is asked for. Short on purpose: on two cores a
 * longer warm-up (60 or 400 paragraphs) took CPU from the ceremony and the emulator and made
 * `npm run bench:ceremony` slower, not faster.
 */
async function warmUp(stop: () => boolean): Promise<void> {
  const pdf = await createUnicodePdf({ title: 'warm-up', createdAt: new Date(0) });
  const words = 'key material import token wrapping public witness operator approved expiration'.split(' ');
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (stop()) return;
    const hex = randomBytes(24).toString('hex');
    const text = words.map((w, j) => `${w}${(i * 7 + j) % 97}`).join(' ');
    pdf.text(`${text} ${i}`, { size: 9 + (i % 3) * 3, bold: i % 2 === 0 });
    pdf.text(`${hex.slice(0, 8)} ${hex.slice(8)} arn:aws:kms:eu-west-${i % 3}:${hex.slice(0, 12)}`, {
      mono: true,
    });
  }
  await pdf.finish((p, page) => p.textAt(`page ${page.number}`, p.margin, 20, { size: 8 }));
}

export interface ServeHooks {
  /**
   * Called once, when the warm-up has finished with no record asked yet, or else just before the first record
   * is sent back: the code this worker runs is compiled by then (the compiled CLI saves its code cache here).
   */
  onWarm?: () => void;
}

/** Answers `{ id, record }` messages on `port` (a worker's parentPort) after warming pdfkit up. */
export function serveRecordPdf(port: MessagePort, hooks: ServeHooks = {}): void {
  let asked = false;
  let warmed = false;
  const warm = () => {
    if (!warmed) hooks.onWarm?.();
    warmed = true;
  };
  const ready = warmUp(() => asked)
    .then(() => !asked && warm())
    .catch(() => undefined); // a failed warm-up only costs speed
  port.on('message', async ({ id, record }: { id: number; record: CeremonyRecord }) => {
    asked = true;
    await ready;
    try {
      const pdf = new Uint8Array(await renderRecordPdf(record));
      warm();
      port.postMessage({ id, pdf }, [pdf.buffer]);
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('RECORD_PDF', String(error));
      port.postMessage({ id, error: { code: e.code, message: e.message, hint: e.hint } });
    }
  });
}
