/**
 * bin/kms-ceremony.cjs, as `npx kms-ceremony` and `npm run cli` start it: `run` goes from the CommonJS bin to
 * the build's run-entry.cjs without Node's ES module loader (the bin's comment says what that saves); every
 * other command imports the build's main.mjs. scripts/cli-current.cjs says which build is current.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../electron/core/emulator';
// @ts-expect-error -- plain ESM build script without type declarations
import { ensureCli } from '../../../scripts/cli-build.mjs';

const root = path.resolve(__dirname, '../../..');
const BIN = path.join(root, 'bin', 'kms-ceremony.cjs');
const { currentCliEntry } = createRequire(import.meta.url)('../../../scripts/cli-current.cjs') as {
  currentCliEntry: () => string | null;
};
const work = mkdtempSync(path.join(tmpdir(), 'kms-bin-'));
// A CommonJS preload (it starts no ES module loader itself) that lists the built-in modules the process loaded.
const recorder = path.join(work, 'record-builtins.cjs');
writeFileSync(
  recorder,
  "process.on('exit', () => require('node:fs').writeFileSync(process.env.BUILTINS_FILE, process.moduleLoadList.join('\\n')));\n",
);
let built: string;
let emulator: RunningEmulator;

beforeAll(async () => {
  built = (await ensureCli()) as string;
  emulator = await startEmulator({ dataDir: path.join(work, 'kms') });
}, 120_000);
afterAll(async () => {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
});

function script(name: string, lines: string[]): string {
  const file = path.join(work, name);
  writeFileSync(file, lines.join('\n'));
  return file;
}

/** Runs the bin as `node bin/kms-ceremony.cjs …` (asynchronously: the emulator answers from this process). */
async function bin(args: string[]) {
  const builtins = path.join(work, `builtins-${Math.random().toString(36).slice(2)}.txt`);
  const r = await new Promise<{ status: number; stdout: string; stderr: string }>((done) =>
    execFile(
      process.execPath,
      ['--require', recorder, BIN, ...args],
      { cwd: work, encoding: 'utf8', env: { ...process.env, BUILTINS_FILE: builtins }, timeout: 60_000 },
      (error, stdout, stderr) => done({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
  return { ...r, builtins: readFileSync(builtins, 'utf8').split('\n') };
}
// Loaded once an ES module is linked (the module `node:module` loads internal/modules/esm/loader itself).
const esmLoader = 'NativeModule internal/modules/esm/module_job';
const webStreams = 'NativeModule internal/webstreams/readablestream';

describe('bin/kms-ceremony.cjs', () => {
  it('finds the current build without building again', () => {
    expect(currentCliEntry()).toBe(built);
  });

  it('starts `run` without the ES module loader, and its KMS calls without web streams', async () => {
    const ceremony = script('ceremony.yaml', [
      'ceremony: { operator: Ada Officer, witnesses: [Wes Witness] }',
      `target: { emulator: { endpoint: "${emulator.endpoint}" } }`,
      'key: { create: { keySpec: ECC_NIST_P256, keyUsage: SIGN_VERIFY } }',
      'wrapping: { algorithm: RSA_AES_KEY_WRAP_SHA_256, keySpec: RSA_2048 }',
      'fingerprint: { witness: Wes Witness }',
      'material: { generate: true }',
      'approvedBy: [Wes Witness]',
      'expiration: { validForDays: 30 }',
      'output: ./out',
    ]);
    const r = await bin(['run', ceremony, '--data-dir', path.join(work, 'station')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ok +import\.verified/);
    expect(r.stdout).toMatch(/ok +record\.written/);
    expect(r.builtins).not.toContain(esmLoader);
    // core/kms/response-body.ts: the SDK's own response reader would have loaded them.
    expect(r.builtins).not.toContain(webStreams);
  });

  it('starts every other command from main.mjs (an ES module)', async () => {
    const r = await bin(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/run +Run a scripted ceremony/);
    expect(r.builtins).toContain(esmLoader);
  });
});
