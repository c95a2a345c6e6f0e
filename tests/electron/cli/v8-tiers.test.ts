/**
 * electron/cli/v8-tiers.ts as `kms-ceremony run` uses it (the compiled CLI, started as a user starts
 * it, against the emulator): V8's JIT tiers are limited only once the run bundle and the record worker
 * came from their code caches — a first run, which writes them, leaves the flags alone, so each cache is
 * written under the flags it is read under — and no public Node built-in loads after the change (V8 would
 * refuse Node's own code cache for it), but for a trivial one. A dry run before them writes no run.cjs cache
 * (electron/cli/code-cache.ts loadCompiledBundle: one made then would stay thin until the next build).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_V8_FLAGS } from '../../../electron/cli/v8-tiers';
import { startEmulator } from '../../../electron/core/emulator/index';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const PRELOAD = path.join(__dirname, 'fixtures', 'flags-changed.mjs');
let work: string;
let emulator: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kms-v8-tiers-'));
  emulator = await startEmulator({ dataDir: path.join(work, 'kms') });
}, 60_000);
afterAll(async () => {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
});

/** One whole ceremony with its record (or its dry run), in its own output folder; returns what the preload recorded. */
async function ceremony(
  n: number,
  extra: string[] = [],
): Promise<{ flags: string[] | null; builtinsAfter: string[] }> {
  const script = path.join(work, `ceremony-${n}.yaml`);
  writeFileSync(
    script,
    [
      'ceremony: { operator: Ada Officer, witnesses: [Wes Witness] }',
      `target: { emulator: { endpoint: "${emulator.endpoint}" } }`,
      'key: { create: { keySpec: SYMMETRIC_DEFAULT } }',
      'wrapping: { algorithm: RSAES_OAEP_SHA_256, keySpec: RSA_2048 }',
      'fingerprint: { witness: Wes Witness }',
      'material: { generate: true }',
      'expiration: { validForDays: 30 }',
      'approvedBy: [Wes Witness]',
      `output: ./out-${n}`,
    ].join('\n'),
  );
  const report = path.join(work, `flags-${n}.json`);
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      PRELOAD,
      path.join(root, 'bin', 'kms-ceremony.cjs'),
      'run',
      script,
      '--data-dir',
      work,
      ...extra,
    ],
    {
      cwd: work,
      // A code cache of its own, empty at first (codeCacheDir: $XDG_CACHE_HOME on Linux).
      env: { ...process.env, FLAGS_CHANGED: report, XDG_CACHE_HOME: path.join(work, 'cache') },
      timeout: 120_000,
    },
  );
  expect(stdout).toMatch(extra.includes('--dry-run') ? /dry run passed/ : /record\.written/);
  return JSON.parse(readFileSync(report, 'utf8')) as { flags: string[] | null; builtinsAfter: string[] };
}

describe("V8's JIT tiers in `kms-ceremony run`", () => {
  it.runIf(process.platform === 'linux' && process.versions.node.startsWith('20.'))(
    'a dry run writes no cache; a whole ceremony writes both and leaves the flags alone; the next sets them once, after every built-in the run loads',
    async () => {
      const caches = () => {
        const dir = path.join(work, 'cache', 'kms-ceremony', 'v8-code-cache');
        return existsSync(dir)
          ? readdirSync(dir)
              .map((f) => f.split('-')[0])
              .sort()
          : [];
      };
      // A dry run compiles only part of the run: it writes no cache, which would then stay that thin.
      await ceremony(0, ['--dry-run']);
      expect(caches()).toEqual([]);
      expect(await ceremony(1)).toEqual({ flags: null, builtinsAfter: [] });
      expect(caches()).toEqual(['record_pdf_worker.cjs', 'run.cjs']);
      const second = await ceremony(2);
      expect(second.flags).toEqual([CLI_V8_FLAGS]);
      expect(CLI_V8_FLAGS).toMatch(/--interrupt-budget=\d+ --no-sparkplug --no-turbofan/);
      // Except `http` itself, a few lines over the _http_* modules that https loaded before: the SDK's
      // handler requires it on its first request to an http:// endpoint (the emulator).
      expect(second.builtinsAfter.filter((m) => m !== 'http')).toEqual([]);
    },
    300_000,
  );
});
