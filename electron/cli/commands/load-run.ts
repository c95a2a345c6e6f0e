/**
 * Loads the compiled `run` command: one CommonJS bundle (run.cjs) through the V8 code cache (../code-cache.ts),
 * with the record PDF worker started first, so it boots and warms pdfkit up on the other core while run.cjs
 * loads; it draws one record (the run stops it when it draws none). Shared by commands/index.ts and
 * ../run-entry.ts, the two ways the compiled CLI starts `run`.
 */
import type { Command } from '../command';
import { loadCompiledBundle, type CodeCacheStatus } from '../code-cache';
import {
  prepareRecordPdfThread,
  recordPdfThreadState,
  type RecordWorkerLoad,
} from '../../core/record/record-pdf-thread';
import { limitV8Tiers } from '../v8-tiers';

/** The `run` command from run.cjs beside this chunk; null from sources (tsx, vitest), where there is none. */
export function loadCompiledRun(): Command | null {
  // V8's JIT tiers are limited once both bundles came from their caches (../v8-tiers.ts).
  let main: CodeCacheStatus | null = null;
  let worker: RecordWorkerLoad | null = null;
  const raise = () => {
    if (main && worker && [main, worker].every((s) => s !== 'miss' && s !== 'rejected')) limitV8Tiers();
  };
  const started = prepareRecordPdfThread(undefined, {
    once: true,
    onLoaded: (cache) => {
      worker = cache;
      raise();
    },
  });
  if (!started) worker = 'off';
  // Its cache is written only by a run that drew a record, i.e. went through a whole ceremony.
  const bundle = loadCompiledBundle<typeof import('./run')>(
    'run.cjs',
    undefined,
    () => recordPdfThreadState().drawnByWorker > 0,
  );
  main = bundle?.status ?? 'off';
  raise();
  return bundle?.exports.runCommand ?? null;
}
