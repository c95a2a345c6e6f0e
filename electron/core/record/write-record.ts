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
    json: [`${base}.json`, Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8')],
    html: [`${base}.html`, Buffer.from(renderRecordHtml(record), 'utf8')],
    pdf: [`${base}.pdf`, await renderRecordPdfOffThread(record)],
  } as const;
  const written: string[] = [];
  try {
    for (const [file, data] of Object.values(files)) {
      await writeNewFile(file, data);
      written.push(file);
    }
  } catch (error) {
    await Promise.all(written.map((f) => rm(f, { force: true }))); // all three or none
    throw error;
  }
  return { json: files.json[0], html: files.html[0], pdf: files.pdf[0] };
}
