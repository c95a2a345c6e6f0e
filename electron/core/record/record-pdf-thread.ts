/**
 * Draws the PDF record on a worker thread when the compiled CLI has one (build/cli/…/record-pdf-worker.mjs),
 * else on this thread. `prepareRecordPdfThread()` starts the worker early so it is warm when the record is
 * written; why: a cold pdfkit/fontkit spends ~0.7 s of CPU on the first document, which was half of a
 * scripted ceremony's time. From sources (tsx, vitest) and in the app the worker file does not exist and
 * nothing changes.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import type { CeremonyRecord } from './record-model';
import { renderRecordPdf } from './record-pdf';

type Reply = { id: number; pdf?: Uint8Array; error?: { code: string; message: string; hint: string } };

let worker: Worker | null = null;
let nextId = 0;
let drawnByWorker = 0;
const pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

function stop(w: Worker, reason: Error): void {
  if (worker !== w) return;
  worker = null;
  for (const p of pending.values()) p.reject(reason);
  pending.clear();
}

/**
 * Starts the warm-up worker if the compiled worker entry sits beside this chunk (or at `entry.url`, for
 * tests); idempotent. The worker never keeps the process alive on its own (unref'd
 * except while a record is being drawn). Returns whether a worker is running.
 */
export function prepareRecordPdfThread(
  entry: { url: URL } = { url: new URL('./record-pdf-worker.mjs', import.meta.url) },
): boolean {
  if (worker) return true;
  if (entry.url.protocol !== 'file:' || !existsSync(fileURLToPath(entry.url))) return false;
  const w = new Worker(entry.url);
  w.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if (reply.pdf) {
      drawnByWorker++;
      p.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    } else p.reject(new AppError(reply.error!.code, reply.error!.message, reply.error!.hint));
  });
  w.on('error', (error) => stop(w, error));
  w.on('exit', () => stop(w, new Error('the PDF worker stopped')));
  // After the listeners: adding a 'message' listener refs the worker again, and an error before the record
  // would then leave `kms-ceremony run` waiting forever.
  w.unref();
  worker = w;
  return true;
}

/** Whether a worker is running and how many records it has drawn in this process (diagnostics, tests). */
export function recordPdfThreadState(): { running: boolean; drawnByWorker: number } {
  return { running: worker !== null, drawnByWorker };
}

/** Stops the worker (tests; a CLI process simply exits). */
export async function stopRecordPdfThread(): Promise<void> {
  const w = worker;
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
  const w = worker;
  if (!w) return renderRecordPdf(record);
  const id = nextId++;
  const drawn = new Promise<Buffer>((resolve, reject) => pending.set(id, { resolve, reject }));
  w.ref();
  w.postMessage({ id, record });
  try {
    return await drawn;
  } catch (error) {
    if (error instanceof AppError) throw error;
    return renderRecordPdf(record); // the worker crashed: draw it here rather than lose the record
  }
}
