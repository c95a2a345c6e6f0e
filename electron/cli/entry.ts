/**
 * Process entry of the compiled `kms-ceremony` CLI (scripts/cli-build.mjs bundles this file); bin/ starts
 * `run` through run-entry.ts instead, which skips this module graph.
 */
import { exitWhenFlushed, prepareCliProcess } from './cli-process';
import { limitV8Tiers } from './v8-tiers';
import { main } from './main';

prepareCliProcess();
// `run` limits V8's JIT tiers itself once its bundles are loaded (v8-tiers.ts); the emulator runs for hours.
if (process.argv[2] !== 'run' && process.argv[2] !== 'emulator') limitV8Tiers();
await exitWhenFlushed(await main(process.argv.slice(2)));
