/**
 * `kms-ceremony run` against the standalone emulator process (`kms-ceremony emulator --port 0`, spawned):
 * a scripted ceremony in one go, and split at the air gap across two stations, then `verify-transcript`
 * with both station keys. The run command itself is driven in-process through the CLI's main().
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { cli, workDir } from './crypto-cli-harness';

const BIN = path.resolve(__dirname, '../../../../bin/kms-ceremony.cjs');
const work = workDir();
let child: ChildProcess;
let endpoint: string;

beforeAll(async () => {
  child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--data-dir', work.path('kms')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  endpoint = await new Promise<string>((ready, fail) => {
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const found = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (found) ready(found);
    });
    child.on('exit', (code) => fail(new Error(`emulator exited (${code}): ${stderr}`)));
  });
}, 30_000);
afterAll(async () => {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
  work.cleanup();
});

const names = { operator: 'Ada Officer', witnesses: ['Wes Witness', 'Grace Auditor'] };
const script = (name: string, body: Record<string, unknown>) => work.write(name, YAML.stringify(body));
const pub = (dataDir: string) => path.join(dataDir, 'station-key', 'ceremony-station-ed25519.pub.pem');

describe('kms-ceremony run against the standalone emulator', () => {
  it('runs a SYMMETRIC_DEFAULT ceremony in one go: dry run first, then for real', async () => {
    const file = script('symmetric.yaml', {
      ceremony: names,
      fingerprint: { witness: 'Wes Witness' },
      approvedBy: names.witnesses,
      target: { emulator: { endpoint } },
      key: { create: { keySpec: 'SYMMETRIC_DEFAULT', alias: 'alias/cli-scripted' } },
      material: { generate: true },
      expiration: { validForDays: 90 },
      output: 'symmetric-out',
    });
    const dry = await cli(['run', file, '--dry-run']);
    expect(dry).toMatchObject({ code: 0, stderr: '' });
    expect(dry.stdout).toMatch(/dry run passed/);

    const real = await cli(['run', file]);
    expect(real.stderr).toBe('');
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(
      /key\.created +\S+ · SYMMETRIC_DEFAULT ENCRYPT_DECRYPT · PendingImport · alias\/cli-scripted/,
    );
    expect(real.stdout).toMatch(/import\.verified +.*PASS/);
    const transcript = /^transcript: (.+)$/m.exec(real.stdout)![1]!;
    const verified = await cli([
      'verify-transcript',
      transcript,
      '--public-key',
      pub(work.path('symmetric-out')),
    ]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^intact: \d+ events/);
    expect(verified.stdout).toMatch(/\(ceremony closed\)/);

    // The same alias again: KMS refuses it, the run fails with exit 1 and the ceremony is aborted.
    const twice = await cli(['run', file]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^error: .*alias\/cli-scripted/);
    expect(twice.stdout).toMatch(/ceremony \S+ aborted/);
  });

  it('splits at the air gap: --until parameters, the offline script, --from wrapped-bundle; both keys verify', async () => {
    const onlineData = work.path('online-station');
    const offlineData = work.path('offline-station');
    const online = script('online.yaml', {
      ceremony: names,
      approvedBy: names.witnesses,
      target: { emulator: { endpoint } },
      key: { create: { keySpec: 'HMAC_384' } },
      wrapping: { algorithm: 'RSAES_OAEP_SHA_1', keySpec: 'RSA_2048' },
      expiration: { validTo: new Date(Date.now() + 200 * 86_400_000).toISOString() },
      output: 'online-out',
    });
    const first = await cli(['run', online, '--until', 'parameters', '--data-dir', onlineData]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const [bundle] = readdirSync(work.path('online-out')).filter((n) => n.endsWith('-parameters'));
    expect(bundle).toBeDefined();

    const offline = script('offline.yaml', {
      ceremony: names,
      fingerprint: { witness: 'Grace Auditor' },
      station: 'offline',
      parameters: `online-out/${bundle}`,
      material: { generate: true },
      output: 'usb',
    });
    expect((await cli(['run', offline, '--dry-run', '--data-dir', offlineData])).code).toBe(0);
    const second = await cli(['run', offline, '--data-dir', offlineData]);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const wrapped = path.join(work.path('usb'), bundle!.replace(/-parameters$/, '-wrapped'));

    const resume = ['run', online, '--from', 'wrapped-bundle', wrapped, '--data-dir', onlineData];
    expect((await cli([...resume, '--dry-run'])).code).toBe(0);
    const third = await cli([...resume, '--public-key', pub(offlineData)]);
    expect(third.stderr).toBe('');
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/material\.imported +KEY_MATERIAL_EXPIRES until /);
    expect(third.stdout).toMatch(/verify-transcript: intact: \d+ events \(ceremony closed\)/);

    const transcript = /^transcript: (.+)$/m.exec(third.stdout)![1]!;
    const verified = await cli([
      'verify-transcript',
      transcript,
      '--public-key',
      pub(onlineData),
      '--public-key',
      pub(offlineData),
    ]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^intact: \d+ events/);
    expect(verified.stdout).toMatch(/merged offline segment in event \d+: intact: \d+ events/);
    expect(verified.stdout).not.toMatch(/warning/);
  });

  it('answers usage mistakes with exit 2', async () => {
    const file = work.write('any.yaml', 'ceremony: { operator: A }\n');
    for (const args of [
      ['run'],
      ['run', file, file],
      ['run', file, '--until', 'wrapped'],
      ['run', file, '--from', 'parameters', 'x'],
      ['run', file, '--from', 'wrapped-bundle'],
      ['run', file, '--until', 'parameters', '--from', 'wrapped-bundle', 'x'],
    ]) {
      const result = await cli(args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
    }
  });

  it('explains an invalid script with exit 1, each problem on its own line', async () => {
    const file = work.write(
      'invalid.yaml',
      'ceremony: { operator: A }\nkey: { create: { keySpec: RSA_4096 } }\noutput: o\n',
    );
    const result = await cli(['run', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\n {2}- target: missing; write target:/);
    expect(result.stderr).toMatch(
      /\n {2}- key\.create\.keyUsage: missing; RSA_4096 keys can be ENCRYPT_DECRYPT or SIGN_VERIFY/,
    );
    expect(result.stderr).toMatch(/\nhint: Fix the fields named above/);
  });
});
