// Test-only worker entry: runs electron/core/record/record-pdf-worker.ts through tsx (a worker's entry
// is not transformed by the parent's loader; the compiled CLI ships the worker as plain JavaScript).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveRecordPdf } = await import('../../../../electron/core/record/record-pdf-worker.ts');
serveRecordPdf(parentPort);
