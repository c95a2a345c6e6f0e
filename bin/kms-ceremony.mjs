#!/usr/bin/env node
// Runs the CLI compiled ahead of time (build/cli, esbuild); builds it on first use or when a source is newer.
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { buildFailureMessage, ensureCli } from '../scripts/cli-build.mjs';

// A command lives about a second. At V8's default budget TurboFan optimises some 100 functions that run only
// a few more times, on another core that the ceremony, its record worker and the emulator need (2-core
// machine: bench:ceremony ~7 % faster at 15× the budget). Hot loops are still optimised, later. Node 20's
// V8 11 only: other V8s tier differently and print an error for a flag they do not know.
if (process.versions.v8.startsWith('11.')) v8.setFlagsFromString('--interrupt-budget=1000000');

let entry;
try {
  entry = await ensureCli();
} catch (error) {
  console.error(buildFailureMessage(error)); // one paragraph, not esbuild's stack trace
  process.exit(1);
}
await import(pathToFileURL(entry).href);
