// The `kms-ceremony` CLI (and the standalone emulator it starts) runs from JavaScript compiled ahead of time by
// esbuild into build/cli/ — never through a TypeScript loader at run time. bin/kms-ceremony.cjs checks on
// every start (scripts/cli-current.cjs) whether a source file the last build read (or package-lock.json) is
// newer than that build, and only then loads this file to build: a fresh clone builds on its first use and
// an edited checkout on its next.
// Each build goes to its own folder and `current.json` is swapped atomically, so concurrent first starts
// never load a half-written chunk. build/ is not part of the Electron app (electron-builder packs out/ only).
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cliCurrent from './cli-current.cjs';

/**
 * An esbuild plugin whose module loads only when a build runs (esbuild awaits a plugin's setup): tests and
 * benchmarks import this file for ensureCli(), and the plugin modules would cost them ~4 ms each time.
 */
const onBuild = (file, name) => ({
  name,
  setup: async (build) => (await import(file))[name].setup(build),
});
const fontkitRawGlyphs = onBuild('./fontkit-raw-glyphs.mjs', 'fontkitRawGlyphs');
const lazyFontkitBrotli = onBuild('./lazy-fontkit-brotli.mjs', 'lazyFontkitBrotli');
const lazyPdfkitAes = onBuild('./lazy-pdfkit-aes.mjs', 'lazyPdfkitAes');
const lazySdkBuiltins = onBuild('./lazy-sdk-builtins.mjs', 'lazySdkBuiltins');
const nativeInflate = onBuild('./native-inflate.mjs', 'nativeInflate');

const { root, buildRoot, pointer, currentCliEntry } = cliCurrent;
const STALE_BUILD_MS = 10 * 60_000;
/** What electron/cli/code-cache.ts's BUNDLE_WRAPPER says (a test keeps the two equal). */
export const BUNDLE_WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];

/** esbuild options for the CLI: ESM with code splitting, so each command loads only the chunks it imports. */
export function cliBuildOptions(outdir) {
  return {
    absWorkingDir: root,
    entryPoints: { main: 'electron/cli/entry.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // Bundled CommonJS packages (the AWS SDK, node-forge) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    // pdfkit loads its standard-font data through its package.json "imports" (#standard-fonts/…) at run
    // time, which a bundled chunk cannot resolve: the CLI runs inside the npm project, so load it from there.
    external: ['pdfkit'],
    metafile: true,
    logLevel: 'warning',
  };
}

/** What every CommonJS file of the CLI is built with. */
function commonJsOptions(outdir) {
  return {
    absWorkingDir: root,
    outdir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.cjs' },
  };
}

/**
 * esbuild options for the CommonJS bundles loaded through the V8 code cache (electron/cli/code-cache.ts):
 * Node 20 caches compiled code only for scripts, not ES modules. `run` (commands/index.ts loads run.cjs) and
 * the record PDF worker, each one file with its lazily imported modules initialised only when imported.
 * The worker bundles pdfkit and fontkit, which it always runs; `run` leaves them, qrcode and node-forge to
 * node_modules (CommonJS, loaded on first use): it needs them only for share sheets, PKCS #12 material or a
 * record drawn here when the worker fails — 1.6 MB less to read and decode on every start. import.meta.url is the bundle's own URL,
 * so the worker, the fonts and pdfkit's data resolve beside it or in node_modules, as from the ES modules.
 */
export function cliBundleOptions(outdir) {
  const common = {
    ...commonJsOptions(outdir),
    // Smaller files to read, hash and compile on every start (6.6 → 4.1 MB for run): whitespace and syntax
    // only, so function names and module initialiser names stay as in the sources.
    minifyWhitespace: true,
    minifySyntax: true,
    // Each bundle is a whole CommonJS module function already (electron/cli/code-cache.ts compiles it as it is,
    // without Module.wrap's copy of megabytes); the same two strings as code-cache.ts's BUNDLE_WRAPPER.
    banner: {
      js: `${BUNDLE_WRAPPER[0]}const __importMetaUrl = require('url').pathToFileURL(__filename).href;`,
    },
    footer: { js: BUNDLE_WRAPPER[1] },
    define: { 'import.meta.url': '__importMetaUrl' },
    // Every import() becomes require(): an import() from code compiled through vm.Script makes Node print
    // an ExperimentalWarning (vm.USE_MAIN_CONTEXT_DEFAULT_LOADER) amid a ceremony's output.
    supported: { 'dynamic-import': false },
    metafile: true,
    logLevel: 'warning',
  };
  return [
    {
      ...common,
      entryPoints: { run: 'electron/cli/commands/run.ts' },
      // The AWS SDK's packages ship ES modules ("module") next to CommonJS ("main", esbuild's first choice for
      // Node). Each client's CommonJS build is one file that defines every operation of the service, while
      // its ES modules let esbuild keep only the commands the gateway imports: run.cjs 2.07 → 1.92 MB, and
      // less to deserialise and initialise on every start. Only the SDK resolves differently: every other
      // package in run.cjs either has no "module" field or names its files in "exports".
      mainFields: ['module', 'main'],
      external: ['pdfkit', 'fontkit', 'qrcode', 'node-forge'],
      plugins: [lazySdkBuiltins],
    },
    {
      ...common,
      entryPoints: { 'record-pdf-worker': 'electron/core/record/record-pdf-worker.ts' },
      plugins: [lazyPdfkitAes, lazyFontkitBrotli, nativeInflate, fontkitRawGlyphs],
    },
  ];
}

/**
 * esbuild options for a plain CommonJS entry that Node loads itself (not through the code cache) and that
 * loads a bundle above through the code cache. Not an ES module: Node compiles ES modules afresh on every
 * start, and a worker whose entry is one boots Node's ES module loader first (~15 ms of CPU on this machine).
 */
function nodeEntryOptions(outdir, entryPoints) {
  return {
    ...commonJsOptions(outdir),
    entryPoints,
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * The record PDF worker's entry, record-pdf-worker-boot.cjs (electron/core/record/record-pdf-thread.ts starts
 * it by this name), which loads record-pdf-worker.cjs.
 */
export function recordWorkerBootOptions(outdir) {
  return nodeEntryOptions(outdir, { 'record-pdf-worker-boot': 'electron/cli/record-pdf-worker-boot.ts' });
}

/**
 * run-entry.cjs, the process entry bin/kms-ceremony.cjs requires for `kms-ceremony run`
 * (electron/cli/run-entry.ts), which loads run.cjs without the ES module chunks of main.mjs.
 */
export function runEntryOptions(outdir) {
  return nodeEntryOptions(outdir, { 'run-entry': 'electron/cli/run-entry.ts' });
}

/** Builds the CLI's ES modules and CommonJS bundles into `outdir`; returns esbuild's metafiles. */
export async function buildCliInto(outdir) {
  const { build } = await import('esbuild');
  const [esm, ...cjs] = await Promise.all([
    build(cliBuildOptions(outdir)),
    ...[...cliBundleOptions(outdir), recordWorkerBootOptions(outdir), runEntryOptions(outdir)].map(
      (options) => build(options),
    ),
  ]);
  const merge = (key) => Object.assign({}, ...cjs.map((r) => r.metafile[key]));
  return { esm: esm.metafile, cjs: { inputs: merge('inputs'), outputs: merge('outputs') } };
}

/** Builds into a new folder and points current.json at it; returns the entry file. */
export async function buildCli() {
  const dir = `build-${Date.now()}-${process.pid}`;
  const outdir = path.join(buildRoot, dir);
  const startedAt = Date.now(); // a source saved during the build makes the next start rebuild
  const metafiles = await buildCliInto(outdir);
  // Sources of ours only: not packages, nor a plugin's virtual modules ("namespace:name").
  const inputs = [
    ...new Set([...Object.keys(metafiles.esm.inputs), ...Object.keys(metafiles.cjs.inputs)]),
  ].filter((f) => !f.includes('node_modules/') && !f.includes(':'));
  writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(metafiles));
  const tmp = `${pointer}.${process.pid}`;
  writeFileSync(
    tmp,
    JSON.stringify({
      dir,
      builtAt: startedAt,
      inputs: [
        ...inputs,
        'package-lock.json',
        'scripts/cli-build.mjs',
        'scripts/fontkit-raw-glyphs.mjs',
        'scripts/lazy-fontkit-brotli.mjs',
        'scripts/lazy-pdfkit-aes.mjs',
        'scripts/lazy-sdk-builtins.mjs',
        'scripts/lazy-stand-in.mjs',
        'scripts/native-inflate.mjs',
      ],
    }),
  );
  renameSync(tmp, pointer);
  for (const old of readdirSync(buildRoot)) {
    const at = path.join(buildRoot, old);
    if (old.startsWith('build-') && old !== dir && Date.now() - statSync(at).mtimeMs > STALE_BUILD_MS)
      rmSync(at, { recursive: true, force: true }); // a process may still run from a recent one
  }
  return path.join(outdir, 'main.mjs');
}

/**
 * What to tell the user when the build fails: esbuild's "Could not resolve" means node_modules is older than
 * package.json (a pull added a dependency), which `npm ci` fixes; anything else is shown as esbuild said it.
 */
export function buildFailureMessage(error) {
  const messages = (error?.errors ?? []).map((e) => e.text);
  const missing = [
    ...new Set(messages.map((t) => /^Could not resolve "([^"]+)"/.exec(t)?.[1]).filter(Boolean)),
  ];
  if (missing.length > 0) {
    return `kms-ceremony cannot be built: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed (node_modules is older than package.json).\nRun \`npm ci\` in ${root}, then try again.`;
  }
  return `kms-ceremony cannot be built: ${messages[0] ?? String(error?.message ?? error)}`;
}

/** The compiled CLI entry, built first if missing or older than its sources. */
export async function ensureCli() {
  const entry = currentCliEntry();
  if (entry) return entry;
  mkdirSync(buildRoot, { recursive: true });
  return buildCli();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`built ${path.relative(root, await buildCli())}`);
}
