import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../../electron/core/emulator/index';
import { AppError } from '../../../../electron/core/errors';

/**
 * The store is checked at start-up, before anything is written: each damaged case below gives a clear error
 * naming the file, and leaves every file of the data directory byte for byte as it was.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const JOURNAL = 'kms-state.journal';
const MASTER = 'master.key';

/** A data directory holding two keys, the emulator stopped. Returns it and the key ids. */
async function store(): Promise<{ dir: string; keyIds: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'kms-store-integrity-'));
  dirs.push(dir);
  const emulator = await startEmulator({ dataDir: dir });
  const kms = client(emulator.endpoint);
  const keyIds: string[] = [];
  for (let i = 0; i < 2; i++)
    keyIds.push((await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!.KeyId!);
  kms.destroy();
  await emulator.close();
  return { dir, keyIds };
}

function client(endpoint: string): KMSClient {
  return new KMSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

function files(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
}

/** Starts the embedded emulator on a damaged store: a clear AppError, and no file changed. */
async function refused(dir: string, message: RegExp): Promise<AppError> {
  const before = files(dir);
  const error = await startEmulator({ dataDir: dir }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('EMULATOR_STORE_CORRUPT');
  expect((error as AppError).message).toMatch(message);
  expect(files(dir)).toEqual(before);
  return error as AppError;
}

const edit = (dir: string, name: string, change: (b: Buffer) => Buffer) =>
  writeFileSync(join(dir, name), change(readFileSync(join(dir, name))));

describe('emulator store integrity at start-up', () => {
  it('a flipped final newline of the journal is refused at its offset, not dropped or rewritten', async () => {
    const { dir } = await store();
    const journal = readFileSync(join(dir, JOURNAL));
    const lastLine = journal.lastIndexOf(0x0a, journal.length - 2) + 1;
    edit(dir, JOURNAL, (b) => {
      const c = Buffer.from(b);
      c[c.length - 1] = 0x0b;
      return c;
    });
    const error = await refused(
      dir,
      new RegExp(`${JOURNAL} is corrupt at line 3 \\(byte offset ${lastLine}\\)`),
    );
    expect(error.message).toMatch(/has no line end and fails its checksum/);
  });

  it('a last record with a good checksum and a missing final newline is kept', async () => {
    const { dir, keyIds } = await store();
    edit(dir, JOURNAL, (b) => b.subarray(0, -1));
    const emulator = await startEmulator({ dataDir: dir });
    const kms = client(emulator.endpoint);
    try {
      for (const KeyId of keyIds) {
        expect((await kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!.KeyId).toBe(KeyId);
      }
    } finally {
      kms.destroy();
      await emulator.close();
    }
  });

  it('a deleted journal beside an existing master key is refused, not started empty', async () => {
    const { dir } = await store();
    unlinkSync(join(dir, JOURNAL));
    const error = await refused(dir, /kms-state\.journal is missing beside its master key/);
    expect(error.hint).toMatch(/Restore the data directory from a backup/);
  });

  it('a flipped master.key byte (key or check value) is refused at start, not HTTP 500 on first use', async () => {
    for (const at of [0, 31, 32, 47]) {
      const { dir } = await store();
      edit(dir, MASTER, (b) => {
        const c = Buffer.from(b);
        c[at] = (c[at] as number) ^ 0x01;
        return c;
      });
      await refused(dir, /master\.key fails its check value/);
    }
  });

  it("another data directory's master key is refused: the journal records its key's check value", async () => {
    const { dir } = await store();
    const { dir: other } = await store();
    writeFileSync(join(dir, MASTER), readFileSync(join(other, MASTER)));
    await refused(dir, /master\.key is not the key of the journal/);
  });

  it('a master key file of another size is refused, naming its size', async () => {
    const { dir } = await store();
    edit(dir, MASTER, (b) => b.subarray(0, 40));
    await refused(dir, /master\.key has 40 bytes; it must have 48/);
  });

  it('a key file without check value (written before it existed) is verified against the journal and upgraded', async () => {
    const { dir, keyIds } = await store();
    edit(dir, MASTER, (b) => b.subarray(0, 32));
    const emulator = await startEmulator({ dataDir: dir });
    const kms = client(emulator.endpoint);
    try {
      expect((await kms.send(new DescribeKeyCommand({ KeyId: keyIds[0] }))).KeyMetadata).toBeDefined();
    } finally {
      kms.destroy();
      await emulator.close();
    }
    expect(readFileSync(join(dir, MASTER))).toHaveLength(48);
  });

  it('a first start cut short (journal header written, no key yet, no entries) completes on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-store-integrity-'));
    dirs.push(dir);
    await (await startEmulator({ dataDir: dir })).close();
    unlinkSync(join(dir, MASTER));
    const emulator = await startEmulator({ dataDir: dir });
    await emulator.close();
    expect(readFileSync(join(dir, MASTER))).toHaveLength(48);
  });

  it('standalone: a corrupt store exits 1 with the message, files byte-identical', async () => {
    const { dir } = await store();
    unlinkSync(join(dir, JOURNAL));
    const before = files(dir);
    const bin = resolve(__dirname, '../../../../bin/kms-ceremony.cjs');
    const child = spawn(process.execPath, [bin, 'emulator', '--port', '0', '--data-dir', dir], {
      stdio: 'pipe',
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(1);
    expect(stderr).toMatch(/kms-state\.journal is missing beside its master key/);
    expect(files(dir)).toEqual(before);
  });
});
