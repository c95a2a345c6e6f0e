/**
 * Issue 12: the compiled CLI loads per command only what that command needs. The CLI is built exactly as
 * bin/kms-ceremony.cjs builds it (scripts/cli-build.mjs), run as a real process with a module-load recorder,
 * and every chunk it loaded is mapped back to its sources through esbuild's metafile. `run` is one
 * CommonJS bundle (run.cjs, for the V8 code cache) in which a lazily imported module is initialised only
 * when imported: V8's coverage of the process says which of those initialisers ran.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM build script without type declarations
import { buildCliInto } from '../../../scripts/cli-build.mjs';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const RECORDER = path.join(__dirname, 'fixtures', 'record-loads.mjs');

const HEAVY: Record<string, RegExp> = {
  'AWS SDK': /node_modules\/@(aws-sdk|smithy)\//,
  emulator: /^electron\/core\/emulator\//,
  'node-forge': /node_modules\/node-forge\//,
  fflate: /node_modules\/fflate\//,
  yaml: /node_modules\/yaml\//,
};

let work: string;
let outdir: string;
let metafile: Metafile;
let bundles: Metafile;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kms-cli-lazy-'));
  outdir = path.join(work, 'cli');
  ({ esm: metafile, cjs: bundles } = (await buildCliInto(outdir)) as { esm: Metafile; cjs: Metafile });
}, 120_000);

/**
 * The sources a CommonJS bundle ran, from V8 coverage: esbuild wraps each lazily imported module in an
 * initialiser named by its path (`"electron/core/emulator/index.ts"() {…}`); every other input of the
 * bundle runs when the bundle loads.
 */
function bundleSources(coverageDir: string): string[] {
  const ran = new Set<string>();
  for (const file of readdirSync(coverageDir)) {
    const { result } = JSON.parse(readFileSync(path.join(coverageDir, file), 'utf8')) as {
      result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
    };
    for (const script of result) {
      if (!script.url.startsWith(`file://${outdir}`) || !script.url.endsWith('.cjs')) continue;
      const chunk = path.relative(root, fileURLToPath(script.url));
      const source = readFileSync(fileURLToPath(script.url), 'utf8');
      for (const input of Object.keys(bundles.outputs[chunk]?.inputs ?? {})) {
        const wrapped = source.includes(`${JSON.stringify(input)}(`);
        const initialised = script.functions.some(
          (f) => f.functionName === input && (f.ranges[0]?.count ?? 0) > 0,
        );
        if (!wrapped || initialised) ran.add(input);
      }
    }
  }
  return [...ran];
}
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Runs the compiled CLI from `entry` (main.mjs, or run-entry.cjs, which bin/kms-ceremony.cjs starts for
 * `run`); returns the exit code, the project/package sources behind every chunk it loaded, and the ES module
 * chunks it loaded.
 */
async function loadedSources(
  args: string[],
  entry: 'main.mjs' | 'run-entry.cjs' = 'main.mjs',
): Promise<{ code: number; sources: string[]; esmChunks: string[] }> {
  const log = path.join(work, `loads-${Math.random().toString(36).slice(2)}.txt`);
  const coverage = `${log}.coverage`;
  writeFileSync(log, '');
  let code = 0;
  try {
    await run(process.execPath, ['--import', RECORDER, path.join(outdir, entry), ...args], {
      cwd: work,
      // The user's code cache stays untouched (and a cache would not change what runs).
      env: {
        ...process.env,
        RECORD_LOADS_FILE: log,
        NODE_V8_COVERAGE: coverage,
        NODE_DISABLE_COMPILE_CACHE: '1',
      },
    });
  } catch (error) {
    code = (error as { code: number }).code;
  }
  const chunks = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(`file://${outdir}`))
    .map((url) => path.relative(root, fileURLToPath(url)));
  if (entry === 'main.mjs')
    expect(chunks, 'the recorder saw the entry chunk').toContain(
      path.relative(root, path.join(outdir, 'main.mjs')),
    );
  const sources = chunks.flatMap((chunk) => Object.keys(metafile.outputs[chunk]?.inputs ?? {}));
  return { code, sources: [...sources, ...bundleSources(coverage)], esmChunks: chunks };
}

function heavyIn(sources: string[]): string[] {
  return Object.entries(HEAVY)
    .filter(([, pattern]) => sources.some((s) => pattern.test(s)))
    .map(([name]) => name);
}

describe('kms-ceremony loads per command only what it needs', () => {
  it('--help, selftest, kcv and inspect load no AWS SDK, emulator, node-forge, fflate or yaml', async () => {
    const material = path.join(work, 'aes.key');
    writeFileSync(material, randomBytes(32));
    for (const args of [
      ['--help'],
      ['selftest'],
      ['kcv', '--key-spec', 'SYMMETRIC_DEFAULT', '--material', material],
      ['inspect', material],
    ]) {
      const { code, sources } = await loadedSources(args);
      expect(code, args.join(' ')).toBe(0);
      expect(heavyIn(sources), args.join(' ')).toEqual([]);
    }
  });

  it('inspect of a PKCS#12 file does load node-forge (the recorder sees lazy chunks)', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = path.join(work, 'ec.pem');
    writeFileSync(pem, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const p12 = path.join(work, 'ec.p12');
    await run('openssl', ['pkcs12', '-export', '-nocerts', '-inkey', pem, '-out', p12, '-passout', 'pass:']);
    const { code, sources } = await loadedSources(['inspect', p12]);
    expect(code).toBe(0);
    expect(heavyIn(sources)).toEqual(['node-forge']);
  });

  it('run against an explicit endpoint loads neither the emulator nor fflate (no zip is read or written)', async () => {
    const script = path.join(work, 'ceremony.yaml');
    writeFileSync(
      script,
      [
        'ceremony: { operator: Ada Officer, witnesses: [Wes Witness] }',
        'target: { emulator: { endpoint: "http://127.0.0.1:9" } }',
        'key: { create: { keySpec: SYMMETRIC_DEFAULT } }',
        'material: { generate: true }',
        'expiration: { validForDays: 30 }',
        'output: ./out',
      ].join('\n'),
    );
    for (const entry of ['main.mjs', 'run-entry.cjs'] as const) {
      const { code, sources, esmChunks } = await loadedSources(['run', script, '--dry-run'], entry);
      expect(code, entry).toBe(0);
      expect(sources, `${entry}: run.cjs ran (not the ES module fallback)`).toContain(
        'electron/core/ceremony-script/run.ts',
      );
      expect(heavyIn(sources), entry).not.toContain('emulator');
      expect(heavyIn(sources), entry).not.toContain('fflate');
      expect(heavyIn(sources), entry).toContain('yaml');
      // bin/kms-ceremony.cjs starts `run` from run-entry.cjs: no ES module chunk of the CLI is compiled.
      if (entry === 'run-entry.cjs') expect(esmChunks.filter((c) => c.endsWith('.mjs'))).toEqual([]);
    }
  });
});
