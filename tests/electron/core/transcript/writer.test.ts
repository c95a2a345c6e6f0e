import { execFileSync } from 'node:child_process';
import crypto, { createHash } from 'node:crypto';
import { promises as fs, statSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import {
  findInterruptedCeremonies,
  exportStationPublicKey,
  loadOrCreateStationKey,
  markAborted,
  openTranscript,
  transcriptPath,
  verifyTranscript,
  STATION_PRIVATE_KEY_FILE,
} from '../../../../electron/core/transcript';
import { tempDir } from './fixtures';

const names = { operator: 'Alice', witnesses: ['Bob'] };

async function scratchTranscript() {
  const dir = tempDir();
  const stationKey = await loadOrCreateStationKey(dir);
  return openTranscript(path.join(dir, 'x.online.jsonl'), {
    station: 'online',
    ceremonyId: 'x',
    stationKey,
    ...names,
  });
}

describe('station key', () => {
  it('is created once with a 0600 private key, then reused', async () => {
    const dir = tempDir();
    const first = await loadOrCreateStationKey(dir);
    expect(first.created).toBe(true);
    if (process.platform !== 'win32') expect(statSync(first.privateKeyPath).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateStationKey(dir);
    expect(again.created).toBe(false);
    expect(again.keyId).toBe(first.keyId);
    expect(await fs.readFile(first.publicKeyPath, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('exports the public key for auditors (never overwriting); openssl derives the same key id', async () => {
    const dir = tempDir();
    const key = await loadOrCreateStationKey(dir);
    const target = path.join(dir, 'auditor.pem');
    expect(await exportStationPublicKey(key, target)).toEqual({ path: target, keyId: key.keyId });
    await expect(exportStationPublicKey(key, target)).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', target, '-outform', 'DER']);
    expect(createHash('sha256').update(der).digest('hex')).toBe(key.keyId);
  });

  it('refuses a private key file that others can read', async () => {
    if (process.platform === 'win32') return;
    const dir = tempDir();
    await loadOrCreateStationKey(dir);
    chmodSync(path.join(dir, STATION_PRIVATE_KEY_FILE), 0o644);
    await expect(loadOrCreateStationKey(dir)).rejects.toMatchObject({ code: 'STATION_KEY_PERMISSIONS' });
    await expect(loadOrCreateStationKey(dir, 'blocking')).rejects.toMatchObject({
      code: 'STATION_KEY_PERMISSIONS',
    });
  });

  it.each(['thread-pool', 'blocking'] as const)(
    'calls an empty private key file corrupt (%s)',
    async (io) => {
      const dir = tempDir();
      await loadOrCreateStationKey(dir);
      await fs.writeFile(path.join(dir, STATION_PRIVATE_KEY_FILE), '', { mode: 0o600 });
      await expect(loadOrCreateStationKey(dir, io)).rejects.toMatchObject({ code: 'STATION_KEY_CORRUPT' });
    },
  );

  it.each(['thread-pool', 'blocking'] as const)(
    'reads the private key (%s) into a buffer of its own, wiped once parsed',
    async (io) => {
      const dir = tempDir();
      await loadOrCreateStationKey(dir);
      const parsed: Buffer[] = [];
      const real = crypto.createPrivateKey;
      vi.spyOn(crypto, 'createPrivateKey').mockImplementation((key) => {
        const der = (key as { key: unknown }).key;
        if (Buffer.isBuffer(der)) parsed.push(der);
        return real(key);
      });
      syncBuiltinESMExports(); // station-key.ts imports createPrivateKey by name
      try {
        await loadOrCreateStationKey(dir, io);
      } finally {
        vi.restoreAllMocks();
        syncBuiltinESMExports();
      }
      expect(parsed).toHaveLength(1);
      const der = parsed[0]!;
      // Not a slice of Node's shared pool (readFileSync's small reads are), and zero once the key was parsed.
      expect({ offset: der.byteOffset, memory: der.buffer.byteLength }).toEqual({
        offset: 0,
        memory: der.length,
      });
      expect(der.every((b) => b === 0)).toBe(true);
    },
  );

  it('reads the same key blocking (the CLI) as through the thread pool, and checks the public key file alike', async () => {
    const dir = tempDir();
    const first = await loadOrCreateStationKey(dir, 'blocking'); // created: always through the thread pool
    expect(first.created).toBe(true);
    const blocking = await loadOrCreateStationKey(dir, 'blocking');
    expect(blocking).toMatchObject({ created: false, keyId: first.keyId });
    expect(blocking.privateKey.export({ format: 'jwk' })).toEqual(first.privateKey.export({ format: 'jwk' }));
    const other = await loadOrCreateStationKey(path.join(dir, 'other'));
    await fs.copyFile(other.publicKeyPath, first.publicKeyPath);
    await expect(loadOrCreateStationKey(dir, 'blocking')).rejects.toMatchObject({
      code: 'STATION_KEY_MISMATCH',
    });
  });
});

describe('openTranscript', () => {
  it('appends signed, chained events and continues the chain after reopening', async () => {
    const dir = tempDir();
    const key = await loadOrCreateStationKey(dir);
    const file = transcriptPath(dir, 'c-1', 'online');
    const t = await openTranscript(file, { station: 'online', ceremonyId: 'c-1', stationKey: key, ...names });
    const a = await t.append({ action: 'ceremony.started' });
    expect(a.seq).toBe(2);
    await t.close();
    const again = await openTranscript(file, { station: 'online', ceremonyId: 'c-1', stationKey: key });
    const b = await again.append({
      action: 'parameters.fetched',
      keyArn: 'arn:aws:kms:x',
      details: { publicKeySha256: 'a'.repeat(64) },
    });
    expect(b.seq).toBe(3);
    expect(b.event.prevHash).toBe(a.hash);
    expect(b.event.operator).toBe('Alice');
    await again.close();
    expect(verifyTranscript(await fs.readFile(file), { trustedKeys: [key.publicKey] })).toMatchObject({
      intact: true,
      events: 3,
    });
  });

  it('writes the same bytes whether it blocks (the CLI) or uses the thread pool (the app)', async () => {
    const dir = tempDir();
    const key = await loadOrCreateStationKey(dir);
    let tick = Date.parse('2026-12-02T10:00:00.000Z');
    const clock = () => () => new Date((tick += 1000));
    const write = async (io: 'blocking' | 'thread-pool', reopenWith: 'blocking' | 'thread-pool') => {
      const file = transcriptPath(path.join(dir, io), 'c-io', 'online');
      tick = Date.parse('2026-12-02T10:00:00.000Z');
      const opts = { station: 'online' as const, ceremonyId: 'c-io', stationKey: key, now: clock() };
      const t = await openTranscript(file, { ...opts, ...names, io });
      await Promise.all([t.append({ action: 'ceremony.started' }), t.append({ action: 'step.n' })]);
      await t.close();
      const again = await openTranscript(file, { ...opts, io: reopenWith });
      await again.append({ action: 'ceremony.completed' });
      await again.close();
      return fs.readFile(file);
    };
    const blocking = await write('blocking', 'thread-pool');
    const threadPool = await write('thread-pool', 'blocking');
    expect(blocking.equals(threadPool)).toBe(true);
    expect(verifyTranscript(blocking, { trustedKeys: [key.publicKey] })).toMatchObject({
      intact: true,
      events: 4,
      complete: true,
    });
  });

  it('serialises concurrent appends in call order', async () => {
    const t = await scratchTranscript();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.append({ action: 'step.n', details: { i } })),
    );
    expect(results.map((r) => r.event.details.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    await t.close();
    expect(verifyTranscript(await fs.readFile(t.path))).toMatchObject({ intact: true, events: 21 });
  });

  it.each([
    [{ material: 'x' }, /material/],
    [{ nested: { passphrase: 'x' } }, /passphrase/],
    [{ importToken: 'x' }, /importToken/],
    [{ note: '0123456789abcdef0123456789abcdef0123456789abcdef' }, /looks like key bytes/],
    // A path-like name does not excuse a value that is not a rooted path.
    [{ path: '0123456789abcdef0123456789abcdef0123456789abcdef' }, /looks like key bytes/],
  ])('refuses details that look like secrets: %j', async (details, why) => {
    const t = await scratchTranscript();
    await expect(t.append({ action: 'step.bad', details: details as never })).rejects.toMatchObject({
      code: 'TRANSCRIPT_SECRET',
      message: expect.stringMatching(why),
    });
    const ok = await t.append({
      action: 'step.ok',
      details: {
        importTokenSha256: 'a'.repeat(64),
        publicKeyFingerprint: 'b'.repeat(64),
        path: '/media/usb/20261128T131415Z-bbc8c5-parameters',
      },
    });
    expect(ok.seq).toBe(2);
    await t.close();
  });

  it('refuses unknown fields and malformed actions through the schema', async () => {
    const t = await scratchTranscript();
    await expect(t.append({ action: 'Not An Action' })).rejects.toThrow();
    await t.close();
  });

  it('refuses a torn transcript by default and recovers it on request, recording the recovery', async () => {
    const dir = tempDir();
    const key = await loadOrCreateStationKey(dir);
    const file = transcriptPath(dir, 'c-2', 'offline');
    const t = await openTranscript(file, {
      station: 'offline',
      ceremonyId: 'c-2',
      stationKey: key,
      ...names,
    });
    const last = await t.append({ action: 'ceremony.started' });
    await t.close();
    await fs.appendFile(file, last.line.slice(0, 50));
    await expect(
      openTranscript(file, { station: 'offline', ceremonyId: 'c-2', stationKey: key }),
    ).rejects.toMatchObject({ code: 'TRANSCRIPT_TORN' });
    const r = await openTranscript(file, {
      station: 'offline',
      ceremonyId: 'c-2',
      stationKey: key,
      onTornTail: 'recover',
    });
    await r.close();
    const text = await fs.readFile(file, 'utf8');
    expect(verifyTranscript(text)).toMatchObject({ intact: true, events: 3 });
    expect(text).toContain('"transcript.torn-tail-recovered"');
    expect(await fs.readFile(`${file}.torn-1`, 'utf8')).toBe(last.line.slice(0, 50));
  });

  it('refuses to continue a tampered transcript or one of another station', async () => {
    const dir = tempDir();
    const key = await loadOrCreateStationKey(path.join(dir, 'a'));
    const other = await loadOrCreateStationKey(path.join(dir, 'b'));
    const file = transcriptPath(dir, 'c-3', 'online');
    const t = await openTranscript(file, { station: 'online', ceremonyId: 'c-3', stationKey: key, ...names });
    await t.append({ action: 'ceremony.started' });
    await t.close();
    await expect(
      openTranscript(file, { station: 'online', ceremonyId: 'c-3', stationKey: other }),
    ).rejects.toMatchObject({ code: 'TRANSCRIPT_OTHER_STATION' });
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('ceremony.started', 'ceremony.startes'));
    await expect(
      openTranscript(file, { station: 'online', ceremonyId: 'c-3', stationKey: key }),
    ).rejects.toMatchObject({ code: 'TRANSCRIPT_TAMPERED' });
  });
});

describe('torn first line', () => {
  it('a file torn inside event 1 is listed as interrupted and starts again on recovery', async () => {
    const dir = tempDir();
    const key = await loadOrCreateStationKey(path.join(dir, 'key'));
    const file = transcriptPath(dir, 'early', 'offline');
    await fs.writeFile(file, '{"action":"transcript.op');
    const [found] = await findInterruptedCeremonies(dir);
    expect(found).toMatchObject({
      ceremonyId: 'early',
      station: 'offline',
      events: 0,
      lastEvent: null,
      torn: true,
    });
    const t = await openTranscript(file, {
      station: 'offline',
      ceremonyId: 'early',
      stationKey: key,
      ...names,
      onTornTail: 'recover',
    });
    await t.close();
    const text = await fs.readFile(file, 'utf8');
    expect(verifyTranscript(text, { trustedKeys: [key.publicKey] })).toMatchObject({
      intact: true,
      events: 2,
    });
    expect(text).toContain('"transcript.torn-tail-recovered"');
  });
});

describe('interrupted ceremonies', () => {
  it('lists unfinished ones (including torn) and closes them with ceremony.aborted', async () => {
    const dir = tempDir();
    const key = await loadOrCreateStationKey(path.join(dir, 'key'));
    const done = await openTranscript(transcriptPath(dir, 'done', 'online'), {
      station: 'online',
      ceremonyId: 'done',
      stationKey: key,
      ...names,
    });
    await done.append({ action: 'ceremony.completed' });
    await done.close();
    const open = await openTranscript(transcriptPath(dir, 'open', 'online'), {
      station: 'online',
      ceremonyId: 'open',
      stationKey: key,
      ...names,
    });
    const step = await open.append({ action: 'parameters.fetched', keyArn: 'arn:aws:kms:eu-west-1:1:key/k' });
    await open.close();
    await fs.appendFile(open.path, step.line.slice(0, 20));

    const found = await findInterruptedCeremonies(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      ceremonyId: 'open',
      station: 'online',
      torn: true,
      events: 2,
      keyArn: 'arn:aws:kms:eu-west-1:1:key/k',
      lastEvent: { action: 'parameters.fetched', seq: 2 },
    });

    const aborted = await markAborted(found[0]!, {
      stationKey: key,
      reason: 'power cut during the ceremony',
    });
    expect(aborted.event.action).toBe('ceremony.aborted');
    expect(await findInterruptedCeremonies(dir)).toEqual([]);
    expect(verifyTranscript(await fs.readFile(open.path), { trustedKeys: [key.publicKey] })).toMatchObject({
      intact: true,
      complete: true,
      events: 4,
    });
  });
});
