/**
 * Process entry of the compiled `kms-ceremony` CLI (scripts/cli-build.mjs bundles this file); bin/ starts
 * `run` through run-entry.ts instead, which skips this module graph.
 */
import { exitWhenFlushed, prepareCliProcess } from './cli-process';
import { raiseInterruptBudget } from './interrupt-budget';
import { main } from './main';

prepareCliProcess();
// `run` raises V8's interrupt budget itself once its bundles are loaded; the emulator runs for hours.
if (process.argv[2] !== 'run' && process.argv[2] !== 'emulator') raiseInterruptBudget();
await exitWhenFlushed(await main(process.argv.slice(2)));
