/**
 * Draws the PDF record on a worker thread when the compiled CLI has one
 * (build/cli/…/record-pdf-worker-boot.cjs), else on this thread. `prepareRecordPdfThread()` starts the worker early so it is warm when the record is
 * written; why: a cold pdfkit/fontkit spends ~0.7 s of CPU on the first document, which was half of a
 * scripted ceremony's time. From sources (tsx, vitest) and in the app the worker file does not exist and
 * nothing changes.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import type { CeremonyRecord } from './record-model';
import type { RecordPdfReply, RecordPdfRequest } from './record-pdf-worker';

/** Drawn on this thread (no worker, or it crashed); imported only then, so starting a worker stays cheap. */
async function renderHere(record: CeremonyRecord): Promise<Buffer> {
  return (await import('./record-pdf')).renderRecordPdf(record);
}

/**
 * What the worker reports once it has loaded its bundle: how its V8 code cache went (hit, miss, rejected,
 * off: electron/cli/code-cache.ts), or 'stopped' when it ended before it said.
 */
export type RecordWorkerLoad = 'hit' | 'miss' | 'rejected' | 'off' | 'stopped';

interface ThreadState {
  worker: Worker | null;
  nextId: number;
  drawnByWorker: number;
  drawnFromDraft: number;
  pending: Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>;
}

// One state per process, not per copy of this module: the compiled CLI has it twice — in its ES module
// chunks, which start the worker while run.cjs is still loading, and inside run.cjs, which draws with it.
const STATE = Symbol.for('kms-ceremony/record-pdf-thread');
const shared = globalThis as typeof globalThis & { [STATE]?: ThreadState };
const state: ThreadState = (shared[STATE] ??= {
  worker: null,
  nextId: 0,
  drawnByWorker: 0,
  drawnFromDraft: 0,
  pending: new Map(),
});

function stop(w: Worker, reason: Error): void {
  if (state.worker !== w) return;
  state.worker = null;
  for (const p of state.pending.values()) p.reject(reason);
  state.pending.clear();
}

/**
 * Starts the warm-up worker if the compiled worker entry sits beside this chunk (or at `entry.url`, for
 * tests); idempotent. The worker never keeps the process alive on its own (unref'd
 * except while a record is being drawn). `once`: the worker stops after its first record (a CLI process
 * draws one), so its teardown overlaps the writing of the files instead of delaying the exit. `onLoaded`:
 * called once, when the worker has loaded its bundle, with how its code cache went ('stopped' if it ended
 * first). Returns whether a worker is running.
 */
export function prepareRecordPdfThread(
  entry: { url: URL } = { url: new URL('./record-pdf-worker-boot.cjs', import.meta.url) },
  options: { once?: boolean; onLoaded?: (load: RecordWorkerLoad) => void } = {},
): boolean {
  if (state.worker) return true;
  if (entry.url.protocol !== 'file:' || !existsSync(fileURLToPath(entry.url))) return false;
  // A young generation of 4 MB, not V8's default that grows to tens of MB: loading pdfkit and the fonts
  // keeps most of what it allocates, so a growing young generation only copies it into fresh pages, and a
  // page's first touch is costly on the VMs we run on (this thread: ~30 % fewer page faults, ~60 ms less
  // CPU, which the ceremony's thread and the emulator share two cores with).
  const w = new Worker(entry.url, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
  let loaded = false;
  const reportLoaded = (load: RecordWorkerLoad) => {
    if (!loaded) options.onLoaded?.(load);
    loaded = true;
  };
  w.on('message', (reply: RecordPdfReply | { loaded: RecordWorkerLoad }) => {
    if ('loaded' in reply) return reportLoaded(reply.loaded);
    const p = state.pending.get(reply.id);
    if (!p) return;
    state.pending.delete(reply.id);
    if (state.pending.size === 0) w.unref();
    if (reply.pdf) {
      state.drawnByWorker++;
      if (reply.fromDraft) state.drawnFromDraft++;
      p.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    } else p.reject(new AppError(reply.error!.code, reply.error!.message, reply.error!.hint));
    if (options.once && state.pending.size === 0) {
      stop(w, new Error('the PDF worker has drawn its record'));
      void w.terminate();
    }
  });
  w.on('error', (error) => {
    reportLoaded('stopped');
    stop(w, error);
  });
  w.on('exit', () => {
    reportLoaded('stopped');
    stop(w, new Error('the PDF worker stopped'));
  });
  // After the listeners: adding a 'message' listener refs the worker again, and an error before the record
  // would then leave `kms-ceremony run` waiting forever.
  w.unref();
  state.worker = w;
  return true;
}

/**
 * Whether a worker is running, how many records it has drawn in this process and how many of those
 * continued a draft (diagnostics, tests).
 */
export function recordPdfThreadState(): { running: boolean; drawnByWorker: number; drawnFromDraft: number } {
  return {
    running: state.worker !== null,
    drawnByWorker: state.drawnByWorker,
    drawnFromDraft: state.drawnFromDraft,
  };
}

/**
 * Tells the worker, when one runs, that the transcript at `transcriptPath` has grown: it draws the steps
 * written so far while the ceremony goes on, and the record asked for at the end continues that draft
 * (record-pdf-worker.ts). Returns at once; a no-op without a worker (sources, the app).
 */
export function draftRecordPdfOffThread(transcriptPath: string): void {
  const request: RecordPdfRequest = { draft: transcriptPath };
  state.worker?.postMessage(request);
}

/** Stops the worker (tests; a run that draws no record; a CLI process otherwise simply exits). */
export async function stopRecordPdfThread(): Promise<void> {
  const w = state.worker;
  if (w) {
    stop(w, new Error('the PDF worker was stopped'));
    await w.terminate();
  }
}

/**
 * The record as PDF bytes (A4), from the warm worker when one was prepared, else drawn here.
 * Errors: as renderRecordPdf (AppError FONTS_MISSING …); a worker that dies mid-way falls back to this thread.
 */
export async function renderRecordPdfOffThread(record: CeremonyRecord): Promise<Buffer> {
  const w = state.worker;
  if (!w) return renderHere(record);
  const id = state.nextId++;
  const drawn = new Promise<Buffer>((resolve, reject) => state.pending.set(id, { resolve, reject }));
  w.ref();
  const request: RecordPdfRequest = { id, record };
  w.postMessage(request);
  try {
    return await drawn;
  } catch (error) {
    if (error instanceof AppError) throw error;
    return renderHere(record); // the worker crashed: draw it here rather than lose the record
  }
}
