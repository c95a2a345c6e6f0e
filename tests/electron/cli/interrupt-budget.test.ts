/**
 * electron/cli/interrupt-budget.ts as `kms-ceremony run` uses it (the compiled CLI, started as a user starts
 * it, against the emulator): V8's interrupt budget goes up only once the run bundle and the record worker
 * came from their code caches — a first run, which writes them, leaves the flags alone, so each cache is
 * written under the flags it is read under — and no public Node built-in loads after the change (V8 would
 * refuse Node's own code cache for it), but for a trivial one.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../electron/core/emulator/index';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const PRELOAD = path.join(__dirname, 'fixtures', 'flags-changed.mjs');
let work: string;
let emulator: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kms-interrupt-budget-'));
  emulator = await startEmulator({ dataDir: path.join(work, 'kms') });
}, 60_000);
afterAll(async () => {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
});

/** One whole ceremony with its record, in its own output folder; returns what the preload recorded. */
async function ceremony(n: number): Promise<{ flags: string[] | null; builtinsAfter: string[] }> {
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
    ['--import', PRELOAD, path.join(root, 'bin', 'kms-ceremony.mjs'), 'run', script, '--data-dir', work],
    {
      cwd: work,
      // A code cache of its own, empty at first (codeCacheDir: $XDG_CACHE_HOME on Linux).
      env: { ...process.env, FLAGS_CHANGED: report, XDG_CACHE_HOME: path.join(work, 'cache') },
      timeout: 120_000,
    },
  );
  expect(stdout).toMatch(/record\.written/);
  return JSON.parse(readFileSync(report, 'utf8')) as { flags: string[] | null; builtinsAfter: string[] };
}

describe("V8's interrupt budget in `kms-ceremony run`", () => {
  it.runIf(process.platform === 'linux' && process.versions.node.startsWith('20.'))(
    'is left alone while the code caches are written, then raised once, after every built-in the run loads',
    async () => {
      expect(await ceremony(1)).toEqual({ flags: null, builtinsAfter: [] });
      const second = await ceremony(2);
      expect(second.flags).toEqual(['--interrupt-budget=1000000']);
      // Except `http` itself, a few lines over the _http_* modules that https loaded before: the SDK's
      // handler requires it on its first request to an http:// endpoint (the emulator).
      expect(second.builtinsAfter.filter((m) => m !== 'http')).toEqual([]);
    },
    300_000,
  );
});
