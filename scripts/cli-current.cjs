// Which compiled CLI to run: the build current.json points at, when no source it was built from is newer.
// CommonJS, read by bin/kms-ceremony.cjs on every start before anything else: an ES module here would make
// Node start its ES module loader for every command, `run` included (see the bin for what that costs).
// scripts/cli-build.mjs builds when this says there is nothing current, and writes current.json.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const buildRoot = path.join(root, 'build', 'cli');
const pointer = path.join(buildRoot, 'current.json');

/**
 * The current build's main.mjs (absolute path), or null when it must be built (again): never built, a
 * source it read (or package-lock.json, or a build script) is newer than the build, a source was removed, or
 * current.json is unreadable. Synchronous: ~300 stat calls.
 */
function currentCliEntry() {
  try {
    const current = JSON.parse(readFileSync(pointer, 'utf8'));
    // Plain concatenation, not path.join: ~250 joins cost ~6 ms of a start (cold code); the inputs are
    // relative paths with '/' from esbuild's metafile, which every OS's stat accepts.
    for (const input of current.inputs) {
      if (statSync(`${root}/${input}`).mtimeMs > current.builtAt) return null;
    }
    return path.join(buildRoot, current.dir, 'main.mjs');
  } catch {
    return null;
  }
}

module.exports = { root, buildRoot, pointer, currentCliEntry };
