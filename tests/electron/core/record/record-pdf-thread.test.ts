/**
 * The PDF record drawn on a warm worker thread (the compiled CLI's `run`) must be the same document as the
 * one drawn in-thread — also when it continues the draft of the steps the worker drew as the transcript
 * grew, or ignores a draft the record does not continue — and a worker that is missing or dies must never
 * cost the record.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
// @ts-expect-error -- plain ESM build script without type declarations
import { buildCliInto } from '../../../../scripts/cli-build.mjs';
import { buildCeremonyRecord, type CeremonyRecord } from '../../../../electron/core/record';
import {
  draftRecordPdfOffThread,
  prepareRecordPdfThread,
  recordPdfThreadState,
  renderRecordPdfOffThread,
  stopRecordPdfThread,
} from '../../../../electron/core/record/record-pdf-thread';
import { regeneratedCeremony, UNICODE_WITNESSES } from './fixtures';

const root = path.resolve(__dirname, '../../../..');
const WORKER_TS = pathToFileURL(path.join(__dirname, 'record-pdf-worker.tsx-entry.mjs'));
const pdfText = (pdf: Buffer) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kms-pdf-thread-')), 'r.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

let record: CeremonyRecord;
let inThread: string;
let transcriptText: string;
beforeAll(async () => {
  const c = await regeneratedCeremony();
  transcriptText = c.text;
  record = buildCeremonyRecord(c.text, { trustedKeys: [c.key.publicKey], generatedAt: new Date(0) });
  inThread = pdfText(await renderRecordPdfOffThread(record)); // no worker prepared: drawn here
}, 60_000);
afterEach(() => stopRecordPdfThread());

/** Writes the transcript to a file a few lines at a time, telling the worker after each write. */
async function growTranscript(text = transcriptText): Promise<void> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kms-pdf-draft-')), 'transcript.jsonl');
  const lines = text.split('\n').filter(Boolean);
  for (let n = 3; n < lines.length + 3; n += 3) {
    writeFileSync(file, `${lines.slice(0, n).join('\n')}\n`);
    draftRecordPdfOffThread(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('record PDF off the ceremony thread', () => {
  it('draws on this thread when no compiled worker sits beside the module (sources, the app)', () => {
    expect(prepareRecordPdfThread()).toBe(false);
    expect(inThread).toContain(record.ceremonyId);
    for (const name of UNICODE_WITNESSES) expect(inThread).toContain(name);
  });

  it('the worker draws the same record, page for page', async () => {
    expect(prepareRecordPdfThread({ url: WORKER_TS })).toBe(true);
    const before = recordPdfThreadState().drawnByWorker;
    const pdf = await renderRecordPdfOffThread(record);
    expect(recordPdfThreadState().drawnByWorker).toBe(before + 1);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(pdf)).toBe(inThread);
  }, 60_000);

  it('once: the worker stops after its first record (a CLI process draws one); later ones are drawn here', async () => {
    expect(prepareRecordPdfThread({ url: WORKER_TS }, { once: true })).toBe(true);
    const before = recordPdfThreadState().drawnByWorker;
    expect(pdfText(await renderRecordPdfOffThread(record))).toBe(inThread);
    expect(recordPdfThreadState()).toMatchObject({ running: false, drawnByWorker: before + 1 });
    expect(pdfText(await renderRecordPdfOffThread(record))).toBe(inThread);
    expect(recordPdfThreadState().drawnByWorker).toBe(before + 1);
  }, 60_000);

  it("the compiled CLI's own worker (its bundle as scripts/cli-build.mjs builds it) draws the same record", async () => {
    // Inside the project, as bin/kms-ceremony.cjs builds it: the worker finds the fonts in node_modules.
    mkdirSync(path.join(root, 'build'), { recursive: true });
    const built = mkdtempSync(path.join(root, 'build', 'test-record-worker-'));
    onTestFinished(() => rmSync(built, { recursive: true, force: true }));
    const outdir = path.join(built, 'cli');
    await buildCliInto(outdir);
    const loads: string[] = [];
    const cacheSetting = process.env.NODE_DISABLE_COMPILE_CACHE;
    process.env.NODE_DISABLE_COMPILE_CACHE = '1'; // the worker copies this env; the user's cache stays untouched
    try {
      expect(
        prepareRecordPdfThread(
          { url: pathToFileURL(path.join(outdir, 'record-pdf-worker-boot.cjs')) },
          { onLoaded: (load) => loads.push(load) },
        ),
      ).toBe(true);
    } finally {
      if (cacheSetting === undefined) delete process.env.NODE_DISABLE_COMPILE_CACHE;
      else process.env.NODE_DISABLE_COMPILE_CACHE = cacheSetting;
    }
    const before = recordPdfThreadState();
    await growTranscript(); // as `kms-ceremony run` tells it after each step
    const pdf = await renderRecordPdfOffThread(record);
    expect(recordPdfThreadState().drawnByWorker, 'drawn by the compiled worker, not here').toBe(
      before.drawnByWorker + 1,
    );
    expect(recordPdfThreadState().drawnFromDraft, 'the record continued the draft').toBe(
      before.drawnFromDraft + 1,
    );
    expect(pdfText(pdf)).toBe(inThread);
    expect(loads, 'the worker said it loaded its bundle, without a code cache').toEqual(['off']);
  }, 120_000);

  it('a draft of another transcript is not continued: the record is drawn anew, the same record', async () => {
    expect(prepareRecordPdfThread({ url: WORKER_TS })).toBe(true);
    const before = recordPdfThreadState();
    const other = transcriptText.replaceAll('T00:56:', 'T01:56:'); // every step at another time
    await growTranscript(other);
    expect(pdfText(await renderRecordPdfOffThread(record))).toBe(inThread);
    expect(recordPdfThreadState()).toMatchObject({
      drawnByWorker: before.drawnByWorker + 1,
      drawnFromDraft: before.drawnFromDraft,
    });
  }, 60_000);

  it('a worker that dies before answering costs nothing: the record is drawn here', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kms-pdf-thread-'));
    const crashing = path.join(dir, 'crash.mjs');
    writeFileSync(
      crashing,
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n",
    );
    expect(prepareRecordPdfThread({ url: pathToFileURL(crashing) })).toBe(true);
    const before = recordPdfThreadState().drawnByWorker;
    expect(pdfText(await renderRecordPdfOffThread(record))).toBe(inThread);
    expect(recordPdfThreadState()).toMatchObject({ running: false, drawnByWorker: before });
  }, 60_000);
});
