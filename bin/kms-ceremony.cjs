#!/usr/bin/env node
// Runs the CLI compiled ahead of time (build/cli, esbuild); builds it on first use or when a source is newer.
// `run` starts from its own CommonJS entry beside the build's main.mjs (electron/cli/run-entry.ts), every
// other command from main.mjs. This file is CommonJS, and so is the freshness check it calls, so that `run`
// starts without Node's ES module loader: from an .mjs entry an empty program took ~30 ms more CPU and
// ~8 ms more wall time on our 2-core machines, and a scripted ceremony took 1.06× as long (30 pairs).
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { currentCliEntry } = require('../scripts/cli-current.cjs');

/** Builds the CLI (esbuild, ES modules: loaded only when a build is needed); exits 1 when it cannot. */
async function build() {
  const { buildFailureMessage, ensureCli } = await import('../scripts/cli-build.mjs');
  try {
    return await ensureCli();
  } catch (error) {
    console.error(buildFailureMessage(error)); // one paragraph, not esbuild's stack trace
    process.exit(1);
  }
}

/** Starts the command in process.argv from the build whose main.mjs is `entry`. */
function start(entry) {
  if (process.argv[2] === 'run') require(path.join(path.dirname(entry), 'run-entry.cjs'));
  else return import(pathToFileURL(entry).href);
}

const entry = currentCliEntry();
if (entry) start(entry);
else build().then(start);
