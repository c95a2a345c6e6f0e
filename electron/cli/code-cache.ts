/**
 * Loads a CommonJS bundle of the compiled CLI (build/cli/…/*.cjs, scripts/cli-build.mjs) with a V8 code
 * cache, so a command's code is not parsed and compiled again on every start. Node 20 has no compile cache
 * of its own (module.enableCompileCache came in Node 22.1) and none at all for ES modules, hence CommonJS
 * bundles and vm.Script's cachedData (https://nodejs.org/docs/latest-v20.x/api/vm.html#scriptcreatecacheddata).
 *
 * The cache lives in the user's cache folder (codeCacheDir), one file per bundle named by the SHA-256 of the
 * bundle's source, the Node version and the CPU architecture: a rebuilt bundle gets a new file and never
 * reads an old one. A cache file starts with the SHA-256 of the V8 data after it; a file that is absent,
 * truncated, corrupt or refused by V8 (another V8 build or flags) only means a normal compile, and the
 * data is written afresh once the command has run. NODE_DISABLE_COMPILE_CACHE=1 (Node 22's switch for its
 * own cache) turns it off. Only public code goes in: the bundle's compiled functions, never data.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as vmConstants, Script } from 'node:vm';

/** hit: compiled from the cache; miss: no cache file; rejected: a file V8 or its checksum refused; off. */
export type CodeCacheStatus = 'hit' | 'miss' | 'rejected' | 'off';

export interface LoadedBundle<T> {
  exports: T;
  status: CodeCacheStatus;
  /** The cache file (null when off). */
  cacheFile: string | null;
  /**
   * Writes the cache from the functions compiled so far (call it once the work is done, so the functions the
   * command ran are in it); only after a miss or a rejection. Never throws: a cache is only an optimisation.
   */
  save(): void;
}

const DIGEST = 32; // bytes of SHA-256 in front of the V8 data

/**
 * The function a CommonJS module runs in, as Module.wrap writes it: the CLI's bundles are built inside it
 * (scripts/cli-build.mjs, BUNDLE_WRAPPER) and compiled as they are. Why: V8 copies Module.wrap's
 * concatenation into one flat string before it looks the code up, and for a bundle of megabytes that copy
 * cost ~15 ms and ~700 page faults per start. Our own constant, not Node's, so a bundle built under one Node
 * version still runs under another.
 */
export const BUNDLE_WRAPPER = [
  '(function (exports, require, module, __filename, __dirname) { ',
  '\n});',
] as const;

/**
 * Whether `source` starts inside BUNDLE_WRAPPER, i.e. is a whole module function already. The head alone
 * decides: what follows the wrapper's tail (a source-map comment) changes nothing, and a head without its
 * tail is a syntax error V8 reports, where wrapping it again would give a module that silently does nothing.
 */
function isWrapped(source: string): boolean {
  return source.startsWith(BUNDLE_WRAPPER[0]);
}

/**
 * The folder for the cache: $XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS,
 * %LOCALAPPDATA% on Windows, then kms-ceremony/v8-code-cache. Null when turned off or no home is known.
 */
export function codeCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string | null {
  if (env.NODE_DISABLE_COMPILE_CACHE && env.NODE_DISABLE_COMPILE_CACHE !== '0') return null;
  const base =
    platform === 'win32'
      ? env.LOCALAPPDATA
      : platform === 'darwin'
        ? home && path.join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME || (home && path.join(home, '.cache'));
  return base ? path.join(base, 'kms-ceremony', 'v8-code-cache') : null;
}

/**
 * Reads all of `fd` into `scratch` when it fits, else into a new buffer; returns the bytes read.
 * Why: a fresh buffer of megabytes costs a page fault per 4 KiB on first touch (~13 µs each on our VMs),
 * while `scratch` (readBundle's buffer, free once the bundle is decoded into its source string) is touched
 * already as far as the bundle reached.
 */
function readInto(fd: number, scratch: Buffer): Buffer {
  const size = fstatSync(fd).size;
  const into = size <= scratch.length ? scratch : Buffer.allocUnsafeSlow(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, into, read, size - read, read);
    if (n === 0) break; // the file shrank meanwhile: the checksum decides
    read += n;
  }
  return into.subarray(0, read);
}

/**
 * The bytes of `file`, in a buffer with room for twice as many, so its V8 cache is read into the same, already
 * touched memory (readCache's `scratch`): a cache is often a little larger than its bundle (run.cjs 1.92 MB,
 * its cache 1.97 MB), and a second fresh buffer of that size cost ~6 ms of page faults per start on our VMs.
 * The room costs nothing until used: pages of a large allocation are mapped on first touch. Errors: those of
 * reading `file`.
 */
function readBundle(file: string): { bytes: Buffer; room: Buffer } {
  const fd = openSync(file, 'r');
  try {
    const room = Buffer.allocUnsafeSlow(2 * fstatSync(fd).size);
    return { bytes: readInto(fd, room), room };
  } finally {
    closeSync(fd);
  }
}

/**
 * The V8 data of a cache file, read into `scratch` when it fits; 'absent' when there is none, 'corrupt' when
 * it fails its checksum.
 */
function readCache(file: string, scratch: Buffer): Buffer | 'absent' | 'corrupt' {
  let bytes: Buffer;
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    bytes = readInto(fd, scratch);
  } catch {
    return 'absent';
  } finally {
    if (fd !== null) closeSync(fd);
  }
  const data = bytes.subarray(DIGEST);
  const intact =
    data.length > 0 && createHash('sha256').update(data).digest().equals(bytes.subarray(0, DIGEST));
  return intact ? data : 'corrupt';
}

const KEEP_PER_BUNDLE = 8; // several checkouts or builds of the CLI may share one user's cache

/**
 * Writes atomically (a temporary file renamed over), 0600 in a 0700 folder, and keeps only this bundle's
 * newest caches. No fsync: a torn file fails its checksum and is only a miss.
 */
function writeCache(file: string, data: Buffer): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([createHash('sha256').update(data).digest(), data]), { mode: 0o600 });
  renameSync(tmp, file);
  const prefix = `${path.basename(file).split('-')[0]}-`;
  const older = readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.v8'))
    .map((f) => ({ f, at: statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at)
    .slice(KEEP_PER_BUNDLE);
  for (const { f } of older) rmSync(path.join(dir, f), { force: true });
}

/**
 * Runs the CommonJS file `file` (absolute path) as `require` would, compiled with the V8 code cache in
 * `cacheDir` (null: no cache), and returns its exports; a file that starts with BUNDLE_WRAPPER's head is
 * taken as that module function itself (the CLI's bundles). Errors: those of reading or running the file.
 */
export function requireWithCodeCache<T>(
  file: string,
  cacheDir: string | null = codeCacheDir(),
): LoadedBundle<T> {
  const { bytes, room } = readBundle(file);
  const key = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  // Our bundles are ASCII (esbuild escapes the rest), and ASCII read as Latin-1 is the same string, which
  // Node keeps outside the V8 heap for a source of over ~1 MB (an external string): megabytes the heap does
  // not grow through, copy or mark. Anything else is decoded as UTF-8, as require does.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const name = path.basename(file).replace(/[^A-Za-z0-9_.]/g, '_');
  const cacheFile = cacheDir
    ? path.join(cacheDir, `${name}-${key}-${process.version}-${process.arch}.v8`)
    : null;
  const cached = cacheFile ? readCache(cacheFile, room) : 'absent'; // `bytes` is free once decoded
  const script = new Script(isWrapped(source) ? source : Module.wrap(source), {
    filename: file,
    ...(Buffer.isBuffer(cached) ? { cachedData: cached } : {}),
    // import() of a Node built-in inside a bundle (the AWS SDK does) resolves as in any module.
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const status: CodeCacheStatus = !cacheFile
    ? 'off'
    : cached === 'absent'
      ? 'miss'
      : cached === 'corrupt' || script.cachedDataRejected
        ? 'rejected'
        : 'hit';

  const mod = { exports: {} as T, filename: file, id: file, loaded: false };
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    __filename: string,
    __dirname: string,
  ) => void;
  wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;

  let saved = false;
  return {
    exports: mod.exports,
    status,
    cacheFile,
    save() {
      if (saved || !cacheFile || status === 'hit') return;
      saved = true;
      try {
        writeCache(cacheFile, script.createCachedData());
      } catch {
        // A read-only or full disk: the next start compiles as this one did.
      }
    },
  };
}

/**
 * The CommonJS bundle `name` (e.g. "run.cjs") beside the compiled CLI's chunks (`base`: this chunk's URL),
 * loaded with the code cache; null when there is none (running from sources under tsx or vitest, where the
 * ES module is imported instead). The cache is saved when the process exits (after a miss or a rejection:
 * under the V8 flags of that moment, electron/cli/v8-tiers.ts) if `saveAtExit()` says so then: a
 * cache holds the functions compiled so far and a hit is never rewritten, so one saved after a run that
 * stopped early (`--help`, a dry run, an error) would stay thin until the next build.
 */
export function loadCompiledBundle<T>(
  name: string,
  base: string = import.meta.url,
  saveAtExit: () => boolean = () => true,
): LoadedBundle<T> | null {
  if (!base.startsWith('file:')) return null;
  const file = fileURLToPath(new URL(`./${name}`, base));
  if (!existsSync(file)) return null;
  const loaded = requireWithCodeCache<T>(file);
  process.once('exit', () => {
    if (saveAtExit()) loaded.save();
  });
  return loaded;
}
