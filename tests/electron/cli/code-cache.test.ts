/**
 * The compiled CLI's V8 code cache (electron/cli/code-cache.ts): a cache that is absent, stale, corrupt,
 * refused by V8 or unwritable only means a normal compile, and the bundle always runs as `require` runs it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUNDLE_WRAPPER,
  codeCacheDir,
  loadCompiledBundle,
  requireWithCodeCache,
} from '../../../electron/cli/code-cache';
// @ts-expect-error -- plain ESM build script without type declarations
import { BUNDLE_WRAPPER as BUILT_WRAPPER, cliBundleOptions } from '../../../scripts/cli-build.mjs';

let work: string;
let cacheDir: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kms-code-cache-'));
  cacheDir = path.join(work, 'cache');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/**
 * A CommonJS bundle with a few functions worth caching; `label` changes its source (a rebuild). `wrapped`:
 * built inside BUNDLE_WRAPPER, as scripts/cli-build.mjs builds the CLI's bundles; `padding`: characters of
 * comment that make the source longer than its V8 cache.
 */
function bundle(label: string, { wrapped = false, padding = 0 } = {}): string {
  const file = path.join(work, 'cmd.cjs');
  const body = `const path = require('node:path');
function square(x) { return x * x; }
function sum(n) { let s = 0; for (let i = 0; i < n; i++) s += square(i); return s; }
module.exports = { label: ${JSON.stringify(label)}, sum, dir: path.basename(__dirname), file: __filename };
/*${' '.repeat(padding)}*/
`;
  // A wrapped bundle may end with what esbuild writes after the footer (a source-map comment).
  const tail = `${BUNDLE_WRAPPER[1]}\n//# sourceMappingURL=cmd.cjs.map\n`;
  writeFileSync(file, wrapped ? `${BUNDLE_WRAPPER[0]}${body}${tail}` : body);
  return file;
}

type Exports = { label: string; sum: (n: number) => number; dir: string; file: string };
const load = (file: string, dir: string | null = cacheDir) => {
  const loaded = requireWithCodeCache<Exports>(file, dir);
  expect(loaded.exports.sum(4)).toBe(14); // runs, and runs right, whatever the cache did
  return loaded;
};
const cacheFiles = () => readdirSync(cacheDir);

describe('V8 code cache for the compiled CLI bundles', () => {
  it('compiles normally without a cache, writes one when asked, and compiles from it next time', () => {
    const file = bundle('one');
    const first = load(file);
    expect(first.status).toBe('miss');
    expect(first.exports).toMatchObject({ label: 'one', dir: path.basename(work), file });
    first.save();
    expect(cacheFiles()).toEqual([path.basename(first.cacheFile!)]);
    expect(statSync(first.cacheFile!).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    const second = load(file);
    expect(second.status).toBe('hit');
    second.save(); // a hit writes nothing
    expect(cacheFiles()).toHaveLength(1);
  });

  it('a bundle built inside the module wrapper runs as that module, with its cache, whether the cache is longer or shorter than the bundle', () => {
    for (const padding of [0, 200_000]) {
      const file = bundle(`wrapped ${padding}`, { wrapped: true, padding });
      const first = load(file);
      expect(first.status).toBe('miss');
      expect(first.exports).toMatchObject({ label: `wrapped ${padding}`, dir: path.basename(work), file });
      first.save();
      const cacheSize = statSync(first.cacheFile!).size;
      expect(padding === 0 ? cacheSize > statSync(file).size : cacheSize < statSync(file).size).toBe(true);
      const second = load(file);
      expect(second.status).toBe('hit');
      expect(second.exports.label).toBe(`wrapped ${padding}`);
    }
  });

  it('a bundle with text outside ASCII runs with that text, like an ASCII one, with its cache', () => {
    for (const label of ['plain ascii', 'Zoë — 密钥仪式 · ключ 🔑']) {
      const file = bundle(label, { wrapped: true, padding: 1_100_000 }); // past Node's external-string size
      const first = load(file);
      expect(first.exports.label).toBe(label);
      first.save();
      const second = load(file);
      expect(second.status).toBe('hit');
      expect(second.exports.label).toBe(label);
    }
  });

  it("the CLI's bundles are built inside exactly the wrapper the loader compiles as it is", () => {
    expect(BUILT_WRAPPER).toEqual([...BUNDLE_WRAPPER]);
    for (const options of cliBundleOptions(work) as { banner: { js: string }; footer: { js: string } }[]) {
      expect(options.banner.js.startsWith(BUNDLE_WRAPPER[0])).toBe(true);
      expect(options.footer.js).toBe(BUNDLE_WRAPPER[1]);
    }
  });

  it('a rebuilt bundle never reads the old cache; only the newest caches of a bundle are kept', () => {
    const first = load(bundle('one'));
    first.save();
    const rebuilt = load(bundle('two'));
    expect(rebuilt.exports.label).toBe('two');
    expect(rebuilt.status).toBe('miss');
    expect(rebuilt.cacheFile).not.toBe(first.cacheFile);
    rebuilt.save();
    expect(cacheFiles().sort()).toEqual(
      [path.basename(first.cacheFile!), path.basename(rebuilt.cacheFile!)].sort(),
    );
    for (let i = 0; i < 10; i++) load(bundle(`build ${i}`)).save();
    expect(cacheFiles()).toHaveLength(8);
    expect(cacheFiles()).not.toContain(path.basename(first.cacheFile!));
  });

  it('a corrupt or truncated cache file is refused by its checksum and written afresh', () => {
    const file = bundle('one');
    const first = load(file);
    first.save();
    const bytes = readFileSync(first.cacheFile!);
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(first.cacheFile!, bytes);
    const corrupt = load(file);
    expect(corrupt.status).toBe('rejected');
    corrupt.save();
    expect(load(file).status).toBe('hit');
    writeFileSync(first.cacheFile!, bytes.subarray(0, 20));
    expect(load(file).status).toBe('rejected');
  });

  it('V8 data for another source under this name (stale, checksum intact) is refused by V8, not run', () => {
    // Sources this process has not compiled yet (V8 would otherwise reuse its in-memory compile).
    const other = load(bundle('a different and longer source, stale test'));
    other.save();
    const file = bundle('stale test');
    const key = createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex').slice(0, 32);
    const own = path.join(cacheDir, `cmd.cjs-${key}-${process.version}-${process.arch}.v8`);
    writeFileSync(own, readFileSync(other.cacheFile!));
    const stale = load(file);
    expect(stale.cacheFile).toBe(own);
    expect(stale.exports.label).toBe('stale test');
    expect(stale.status).toBe('rejected');
  });

  it('an unwritable cache folder or none at all never fails the command', () => {
    writeFileSync(path.join(work, 'not-a-dir'), '');
    const blocked = load(bundle('one'), path.join(work, 'not-a-dir', 'cache'));
    expect(blocked.status).toBe('miss');
    expect(() => blocked.save()).not.toThrow();
    const off = load(bundle('one'), null);
    expect(off.status).toBe('off');
    expect(off.cacheFile).toBeNull();
    off.save();
  });

  it('lives in the per-user cache folder of each OS, and NODE_DISABLE_COMPILE_CACHE turns it off', () => {
    const home = '/home/ada';
    expect(codeCacheDir({}, 'linux', home)).toBe('/home/ada/.cache/kms-ceremony/v8-code-cache');
    expect(codeCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', home)).toBe('/xdg/kms-ceremony/v8-code-cache');
    expect(codeCacheDir({}, 'darwin', home)).toBe('/home/ada/Library/Caches/kms-ceremony/v8-code-cache');
    expect(codeCacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', home)).toContain(
      'kms-ceremony',
    );
    expect(codeCacheDir({}, 'win32', home)).toBeNull();
    expect(codeCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1' }, 'linux', home)).toBeNull();
    expect(codeCacheDir({ NODE_DISABLE_COMPILE_CACHE: '0' }, 'linux', home)).not.toBeNull();
  });

  it('loadCompiledBundle finds a bundle beside the compiled chunk, and nothing from sources', () => {
    const file = bundle('beside');
    const base = pathToFileURL(path.join(work, 'main.mjs')).href;
    expect(loadCompiledBundle<Exports>('cmd.cjs', base)?.exports.label).toBe('beside');
    expect(loadCompiledBundle('missing.cjs', base)).toBeNull();
    expect(loadCompiledBundle('cmd.cjs', 'data:text/javascript,')).toBeNull();
    expect(file).toContain(work);
  });
});
