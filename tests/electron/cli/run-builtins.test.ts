/**
 * bin/run-builtins.mjs: a whole `kms-ceremony run` (the compiled CLI, as a user starts it, against the
 * emulator) loads no public Node built-in after bin/kms-ceremony.mjs has changed a V8 flag — past that
 * point V8 refuses Node's code cache for a built-in and compiles it from source.
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
const PRELOAD = path.join(__dirname, 'fixtures', 'builtins-after-flags.mjs');
let work: string;
let emulator: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kms-run-builtins-'));
  emulator = await startEmulator({ dataDir: path.join(work, 'kms') });
}, 60_000);
afterAll(async () => {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
});

describe('built-ins a run loads before the V8 flag changes', () => {
  it('a ceremony with its record loads no public built-in after the flag', async () => {
    const script = path.join(work, 'ceremony.yaml');
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
        'output: ./out',
      ].join('\n'),
    );
    const report = path.join(work, 'after-flags.json');
    const { stdout } = await run(
      process.execPath,
      ['--import', PRELOAD, path.join(root, 'bin', 'kms-ceremony.mjs'), 'run', script, '--data-dir', work],
      {
        cwd: work,
        env: { ...process.env, BUILTINS_AFTER_FLAGS: report, NODE_DISABLE_COMPILE_CACHE: '1' },
        timeout: 120_000,
      },
    );
    expect(stdout).toMatch(/record\.written/);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual([]);
  }, 150_000);
});
