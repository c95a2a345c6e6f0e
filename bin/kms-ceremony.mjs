#!/usr/bin/env node
// Runs the CLI compiled ahead of time (build/cli, esbuild); builds it on first use or when a source is newer.
// `run` starts from its own CommonJS entry beside the build's main.mjs (electron/cli/run-entry.ts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildFailureMessage, ensureCli } from '../scripts/cli-build.mjs';

let entry;
try {
  entry = await ensureCli();
} catch (error) {
  console.error(buildFailureMessage(error)); // one paragraph, not esbuild's stack trace
  process.exit(1);
}
if (process.argv[2] === 'run')
  createRequire(import.meta.url)(path.join(path.dirname(entry), 'run-entry.cjs'));
else await import(pathToFileURL(entry).href);
