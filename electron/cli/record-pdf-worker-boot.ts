/**
 * Worker-thread entry of the compiled CLI's record PDF worker (built as record-pdf-worker-boot.cjs, the file
 * electron/core/record/record-pdf-thread.ts starts): loads the worker with pdfkit and fontkit, bundled as
 * one CommonJS file (record-pdf-worker.cjs), through the V8 code cache, tells the ceremony's thread how the
 * cache went (`{ loaded }`: V8's JIT tiers are limited only after both caches loaded, v8-tiers.ts)
 * and saves the cache once warm.
 * First of all it makes a date formatter: ICU loads its locale and time-zone data once per process (~25 ms),
 * and the ceremony's thread, which prints its first instant a little later, then finds it loaded.
 */
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import type { serveRecordPdf } from '../core/record/record-pdf-worker';
import { requireWithCodeCache } from './code-cache';

if (parentPort) {
  Intl.DateTimeFormat().resolvedOptions(); // electron/shared/display/time-format.ts makes this one first
  const worker = requireWithCodeCache<{ serveRecordPdf: typeof serveRecordPdf }>(
    fileURLToPath(new URL('./record-pdf-worker.cjs', import.meta.url)),
  );
  parentPort.postMessage({ loaded: worker.status });
  worker.exports.serveRecordPdf(parentPort, { onWarm: () => worker.save() });
}
