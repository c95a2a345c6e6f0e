#!/usr/bin/env node
// Runs the CLI compiled ahead of time (build/cli, esbuild); builds it on first use or when a source is newer.
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { buildFailureMessage, ensureCli } from '../scripts/cli-build.mjs';
import { loadRunBuiltins } from './run-builtins.mjs';

// A command lives about a second. At V8's default budget TurboFan optimises dozens of functions that then run
// only a few more times, on a core that the ceremony, its record worker and the emulator share (2-core
// machine: bench:ceremony ~7 % faster at 15× the budget). Hot loops are still optimised, later. Not for
// `emulator`, which runs for hours; not over a budget the user set; measured on Node 20 only (other V8s
// tier differently and print an error for a flag they do not know).
// V8 refuses Node's own code cache for its built-in modules once a flag has changed, so the built-ins a
// `run` loads anyway are loaded first (run-builtins.mjs: ~30 → ~10 ms here).
const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
if (
  process.versions.node.startsWith('20.') &&
  process.argv[2] !== 'emulator' &&
  !flags.includes('--interrupt-budget')
) {
  if (process.argv[2] === 'run') loadRunBuiltins();
  v8.setFlagsFromString('--interrupt-budget=1000000');
}

let entry;
try {
  entry = await ensureCli();
} catch (error) {
  console.error(buildFailureMessage(error)); // one paragraph, not esbuild's stack trace
  process.exit(1);
}
await import(pathToFileURL(entry).href);
