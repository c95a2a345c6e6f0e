import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../../electron/core/emulator/index';
import { AppError } from '../../../../electron/core/errors';
import { describe as describeKey, importMaterial, wrap } from './helpers';

/**
 * Persistence of the standalone emulator (spawned as `kms-ceremony emulator`): restarts, kill -9 after
 * acknowledged writes, material encrypted at rest, and a corrupt store that is reported and never reset.
 */
const BIN = resolve(__dirname, '../../../../bin/kms-ceremony.cjs');
const dirs: string[] = [];
const children = new Set<ChildProcess>();

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kms-emulator-persist-'));
  dirs.push(dir);
  return dir;
}

interface Spawned {
  child: ChildProcess;
  kms: KMSClient;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function spawnEmulator(dir: string): Promise<Spawned> {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--data-dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      done({ code, signal, stderr });
    }),
  );
  return new Promise((ready, fail) => {
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const endpoint = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (endpoint) {
        const kms = new KMSClient({
          endpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
          maxAttempts: 1,
        });
        ready({ child, kms, exited });
      }
    });
    void exited.then((e) => fail(new Error(`emulator exited (${e.code ?? e.signal}): ${e.stderr}`)));
  });
}

afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('emulator persistence', () => {
  it('state survives a clean restart (SIGTERM): keys, material, aliases, ciphertexts', async () => {
    const dir = dataDir();
    const first = await spawnEmulator(dir);
    const { KeyMetadata } = await first.kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    const keyId = KeyMetadata!.KeyId!;
    const { KeyMaterialId } = await importMaterial(first.kms, keyId, randomBytes(32));
    await first.kms.send(new CreateAliasCommand({ AliasName: 'alias/kept', TargetKeyId: keyId }));
    const { CiphertextBlob } = await first.kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('kept') }),
    );
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);

    const second = await spawnEmulator(dir);
    const meta = await describeKey(second.kms, 'alias/kept');
    expect(meta).toMatchObject({ KeyId: keyId, KeyState: 'Enabled', CurrentKeyMaterialId: KeyMaterialId });
    const { Plaintext } = await second.kms.send(new DecryptCommand({ CiphertextBlob }));
    expect(Buffer.from(Plaintext!).toString()).toBe('kept');
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
  });

  it('kill -9 loses no acknowledged write, and import tokens issued before it still work', async () => {
    const dir = dataDir();
    const first = await spawnEmulator(dir);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push((await first.kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!.KeyId!);
    }
    const params = await first.kms.send(
      new GetParametersForImportCommand({
        KeyId: created[0],
        WrappingAlgorithm: 'RSAES_OAEP_SHA_1',
        WrappingKeySpec: 'RSA_2048',
      }),
    );
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await spawnEmulator(dir);
    for (const keyId of created)
      expect((await describeKey(second.kms, keyId)).KeyState).toBe('PendingImport');
    await second.kms.send(
      new ImportKeyMaterialCommand({
        KeyId: created[0],
        ImportToken: params.ImportToken,
        EncryptedKeyMaterial: wrap(params.PublicKey!, randomBytes(32), 'RSAES_OAEP_SHA_1'),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      }),
    );
    expect((await describeKey(second.kms, created[0]!)).KeyState).toBe('Enabled');
    second.child.kill('SIGKILL');
    await second.exited;
  });

  it('key material is encrypted at rest under a 0600 master key', async () => {
    const dir = dataDir();
    const emulator = await startEmulator({ dataDir: dir });
    const kms = new KMSClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    const material = randomBytes(32);
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    await importMaterial(kms, KeyMetadata!.KeyId!, material);
    await emulator.close();
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    const journal = readFileSync(join(dir, 'kms-state.journal'));
    for (const form of [
      material,
      Buffer.from(material.toString('hex')),
      Buffer.from(material.toString('base64')),
    ]) {
      expect(journal.includes(form)).toBe(false);
    }
    expect(journal.toString()).toContain(KeyMetadata!.KeyId!);
  });

  it('a corrupt store gives a clear error and is left untouched (standalone and embedded)', async () => {
    const dir = dataDir();
    const first = await spawnEmulator(dir);
    await first.kms.send(new CreateKeyCommand({}));
    await first.kms.send(new CreateKeyCommand({}));
    first.child.kill('SIGTERM');
    await first.exited;
    const path = join(dir, 'kms-state.journal');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"Enabled"', '"Enabled "');
    writeFileSync(path, lines.join('\n'));
    const damaged = readFileSync(path);

    const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--data-dir', dir], {
      stdio: 'pipe',
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(1);
    expect(stderr).toMatch(`The emulator store ${path} is corrupt at line 2 (byte offset `);
    expect(stderr).toMatch(/\): checksum mismatch\./);
    expect(stderr).toContain('never resets a damaged store');
    expect(readFileSync(path).equals(damaged)).toBe(true);

    const embedded = await startEmulator({ dataDir: dir }).catch((e: unknown) => e);
    expect(embedded).toBeInstanceOf(AppError);
    expect((embedded as AppError).code).toBe('EMULATOR_STORE_CORRUPT');
  });

  it('a store whose master key is missing is reported, not recreated; one data directory has one emulator', async () => {
    const dir = dataDir();
    const running = await startEmulator({ dataDir: dir });
    const second = await startEmulator({ dataDir: dir }).catch((e: unknown) => e);
    expect((second as AppError).code).toBe('EMULATOR_DATA_DIR_IN_USE');
    const kms = new KMSClient({
      endpoint: running.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    await kms.send(new CreateKeyCommand({})); // a store with a key (an empty one has nothing to lose)
    kms.destroy();
    await running.close();
    unlinkSync(join(dir, 'master.key'));
    const error = await startEmulator({ dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/master key .* is missing/);
  });
});
