import { rm } from 'node:fs/promises';
import path from 'node:path';
import { writeNewFile } from '../bundles/safe-write';
import { assertPathId } from '../path-ids';
import { renderRecordHtml } from './html';
import { renderRecordPdfOffThread } from './record-pdf-thread';
import type { CeremonyRecord } from './record-model';

/** Writes `<ceremony>-record.{json,html,pdf}` into `dir`; refuses to overwrite any of them. */
export async function writeCeremonyRecord(
  dir: string,
  record: CeremonyRecord,
): Promise<{ json: string; html: string; pdf: string }> {
  const base = path.join(
    dir,
    `${assertPathId('ceremony id', record.ceremonyId, 'the ceremony record')}-record`,
  );
  const files = {
    json: `${base}.json`,
    html: `${base}.html`,
    pdf: `${base}.pdf`,
  };
  // The PDF is drawn (on the worker thread when there is one) while the JSON and HTML are written and synced.
  // The PDF first, so the worker starts drawing it before this thread renders the HTML. Through the thread
  // pool even in the CLI (unlike its transcript, transcript/append-file.ts): the three files' fsyncs overlap
  // there; written one after another on this thread, a scripted ceremony took 1.13× as long (16 pairs).
  const writes = await Promise.allSettled([
    renderRecordPdfOffThread(record)
      .then((pdf) => writeNewFile(files.pdf, pdf))
      .then(() => files.pdf),
    writeNewFile(files.json, Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8')).then(
      () => files.json,
    ),
    writeNewFile(files.html, Buffer.from(renderRecordHtml(record), 'utf8')).then(() => files.html),
  ]);
  const failed = writes.find((w) => w.status === 'rejected');
  if (failed) {
    const written = writes.flatMap((w) => (w.status === 'fulfilled' ? [w.value] : []));
    await Promise.all(written.map((f) => rm(f, { force: true }))); // all three or none
    throw failed.reason;
  }
  return files;
}
