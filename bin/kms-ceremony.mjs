#!/usr/bin/env node
// Runs the CLI compiled ahead of time (build/cli, esbuild); builds it on first use or when a source is newer.
import { pathToFileURL } from 'node:url';
import { buildFailureMessage, ensureCli } from '../scripts/cli-build.mjs';

let entry;
try {
  entry = await ensureCli();
} catch (error) {
  console.error(buildFailureMessage(error)); // one paragraph, not esbuild's stack trace
  process.exit(1);
}
await import(pathToFileURL(entry).href);
