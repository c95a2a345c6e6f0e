import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand, GetParametersForImportCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator/index';
import {
  WRAPPING_POOL_SPECS,
  WrappingPool,
  type BackgroundFillTiming,
  type SpareStore,
  type WrappingPair,
} from '../../../../electron/core/emulator/wrapping-pool';
import { main } from '../../../../electron/cli/main';

/** The RSA wrapping-key pool: warm from the emulator's start, small, refilled, never hands out a pair twice. */
let pool: WrappingPool | undefined;
afterEach(() => pool?.close());

const waitFor = async (predicate: () => boolean) => {
  for (let i = 0; i < 400 && !predicate(); i++) await new Promise((r) => setTimeout(r, 25));
  return predicate();
};
const bits = (der: Buffer) =>
  createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength;

describe('WrappingPool', () => {
  it('a pool nobody warmed starts a spec only on first use, then keeps `size` pairs ready', async () => {
    pool = new WrappingPool(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(pool.readyCount('RSA_2048')).toBe(0); // nothing generated while idle
    expect(bits((await pool.take('RSA_2048')).publicKeyDer)).toBe(2048);
    expect(await waitFor(() => pool!.readyCount('RSA_2048') === 2)).toBe(true);
    expect(pool.readyCount('RSA_3072')).toBe(0);
  });

  it('warm() fills every RSA spec in the background, and refills what is taken', async () => {
    pool = new WrappingPool(1);
    pool.warm();
    await pool.whenFull();
    for (const spec of WRAPPING_POOL_SPECS) expect(pool.readyCount(spec), spec).toBe(1);
    const taken = await pool.take('RSA_3072');
    expect(bits(taken.publicKeyDer)).toBe(3072);
    expect(pool.readyCount('RSA_3072')).toBe(0);
    await pool.whenFull();
    expect(pool.readyCount('RSA_3072')).toBe(1);
  });

  it('size 0 keeps nothing ready but still serves every caller', async () => {
    pool = new WrappingPool(0);
    pool.warm();
    expect(bits((await pool.take('RSA_2048')).publicKeyDer)).toBe(2048);
    await pool.whenFull();
    expect(pool.readyCount('RSA_2048')).toBe(0);
  });

  it('hands out a different key pair every time', async () => {
    pool = new WrappingPool(2);
    const pairs = await Promise.all([pool.take('RSA_2048'), pool.take('RSA_2048'), pool.take('RSA_2048')]);
    const hexes = new Set(pairs.map((p) => p.publicKeyDer.toString('hex')));
    expect(hexes.size).toBe(3);
  });

  it('hands out the spares a SpareStore kept, each claimed first; one that cannot be claimed is never used', async () => {
    const made = await Promise.all([0, 1, 2].map(() => new WrappingPool(0).take('RSA_2048')));
    const claimed: string[] = [];
    const saved: WrappingPair[] = [];
    const store: SpareStore = {
      load: () => [
        { id: 'stuck', pair: made[0]! },
        { id: 'a', pair: made[1]! },
        { id: 'b', pair: made[2]! },
      ],
      save: (p) => (saved.push(p), `new${saved.length}`),
      claim: (id) => (claimed.push(id), id !== 'stuck'),
    };
    pool = new WrappingPool(3, store);
    pool.warm();
    expect(pool.readyCount('RSA_2048')).toBe(3);
    expect((await pool.take('RSA_2048')).publicKeyDer).toEqual(made[1]!.publicKeyDer);
    expect(claimed).toEqual(['stuck', 'a']);
    expect((await pool.take('RSA_2048')).publicKeyDer).toEqual(made[2]!.publicKeyDer);
    await pool.whenFull();
    expect(saved.length).toBeGreaterThan(0); // the refills are kept for the next start
    expect(saved.some((p) => p.publicKeyDer.equals(made[0]!.publicKeyDer))).toBe(false);
  });

  /** One short request, as the server reports it: opened, then ended. */
  const request = () => pool!.beginRequest()();
  /** A full pool of 1 per spec, then a request that takes the RSA_2048 pair: the pool, and that request's end. */
  const takeFromFullPool = async (timing: BackgroundFillTiming) => {
    const p = (pool = new WrappingPool(1, null, timing));
    p.warm();
    await p.whenFull();
    const end = p.beginRequest();
    await p.take('RSA_2048');
    return { p, end };
  };

  it('the background refill waits until requests pause, then fills what was taken', async () => {
    const { p, end } = await takeFromFullPool({ quietMs: 1_000, maxDeferMs: 60_000 });
    end();
    // A client keeps calling for 2 s: twice the quiet period, but never 1 s without a request.
    for (let t = 0; t < 2_000; t += 50) {
      request();
      expect(p.generatingCount(), `${t} ms`).toBe(0);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(p.readyCount('RSA_2048')).toBe(0);
    await p.whenFull(); // the client has stopped: the refill starts after 1 s of quiet
    expect(p.readyCount('RSA_2048')).toBe(1);
  });

  it('a request still open (a response not yet sent) holds the fill back however long it lasts', async () => {
    const { p, end } = await takeFromFullPool({ quietMs: 200, maxDeferMs: 60_000 });
    await new Promise((r) => setTimeout(r, 600));
    expect(p.generatingCount()).toBe(0); // not being refilled…
    expect(p.readyCount('RSA_2048')).toBe(0); // …nor refilled already
    end();
    end(); // counted once
    await p.whenFull();
    expect(p.readyCount('RSA_2048')).toBe(1);
  });

  it('a client that never pauses still gets its pool refilled after maxDeferMs', async () => {
    const { p, end } = await takeFromFullPool({ quietMs: 60_000, maxDeferMs: 200 });
    end();
    const calling = setInterval(request, 20);
    try {
      expect(await waitFor(() => p.readyCount('RSA_2048') === 1)).toBe(true);
    } finally {
      clearInterval(calling);
    }
  });

  it('a caller whose spec was empty is served at once; the refill then waits until its request ends', async () => {
    pool = new WrappingPool(1, null, { quietMs: 300, maxDeferMs: 60_000 });
    const end = pool.beginRequest();
    const first = pool.take('RSA_2048'); // nothing ready: generated for this caller now
    expect(pool.generatingCount()).toBe(1);
    expect(bits((await first).publicKeyDer)).toBe(2048);
    expect(pool.generatingCount()).toBe(0); // its request is still open: no refill behind its response
    end();
    await pool.whenFull();
    expect(pool.readyCount('RSA_2048')).toBe(1);
  });

  it('whenFull() on a closed pool resolves at once', async () => {
    pool = new WrappingPool(1);
    pool.warm();
    pool.close();
    await expect(pool.whenFull()).resolves.toBeUndefined();
  });

  it('close() fails a waiting caller instead of leaving it hanging', async () => {
    pool = new WrappingPool(1);
    const waiting = pool.take('RSA_4096');
    pool.close();
    await expect(waiting).rejects.toThrow(/closing/);
  });
});

describe('the emulator warms its pool as soon as it listens', () => {
  let emulator: RunningEmulator | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fills every RSA spec to --wrapping-key-pool without any request', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kms-pool-'));
    emulator = await startEmulator({ dataDir: dir, wrappingKeyPool: 1 });
    await emulator.wrappingPool.full();
    for (const spec of WRAPPING_POOL_SPECS) expect(emulator.wrappingPool.ready(spec), spec).toBe(1);
  });

  it('starts again with the spares its last run left, and never hands a pair out twice across restarts', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kms-pool-'));
    const publicKeys: string[] = [];
    for (let run = 0; run < 3; run++) {
      emulator = await startEmulator({ dataDir: dir, wrappingKeyPool: 1 });
      // Right after the start, before any generation could have finished: the spares of the last run.
      for (const spec of WRAPPING_POOL_SPECS)
        expect(emulator.wrappingPool.ready(spec), spec).toBe(run ? 1 : 0);
      const kms = new KMSClient({
        endpoint: emulator.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      });
      const key = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
      const params = await kms.send(
        new GetParametersForImportCommand({
          KeyId: key.KeyMetadata!.KeyId,
          WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
          WrappingKeySpec: 'RSA_4096',
        }),
      );
      publicKeys.push(Buffer.from(params.PublicKey!).toString('hex'));
      kms.destroy();
      await emulator.wrappingPool.full(); // the refill is a spare for the next run
      expect(readdirSync(join(dir, 'wrapping-pool'))).toHaveLength(WRAPPING_POOL_SPECS.length);
      await emulator.close();
      emulator = undefined;
    }
    expect(new Set(publicKeys).size).toBe(3);
  });

  it('every request to the emulator holds the background fill back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kms-pool-'));
    emulator = await startEmulator({ dataDir: dir, wrappingKeyPool: 0 });
    const begin = WrappingPool.prototype.beginRequest;
    let opened = 0;
    let ended = 0;
    const noted = vi.spyOn(WrappingPool.prototype, 'beginRequest').mockImplementation(function (
      this: WrappingPool,
    ) {
      opened++;
      const end = begin.call(this);
      return () => {
        ended++;
        end();
      };
    });
    try {
      const kms = new KMSClient({
        endpoint: emulator.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      });
      await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
      await expect(kms.send(new CreateKeyCommand({ KeySpec: 'NOT_A_SPEC' as never }))).rejects.toThrow();
      kms.destroy();
      expect(opened).toBe(2); // answered or refused, each request counts…
      expect(await waitFor(() => ended === 2)).toBe(true); // …until its response is sent
    } finally {
      noted.mockRestore();
    }
  });

  it('kms-ceremony emulator refuses a --wrapping-key-pool that is not a small whole number', async () => {
    const err: string[] = [];
    const code = await main(['emulator', '--wrapping-key-pool', 'lots'], {
      stdout: () => undefined,
      stderr: (t) => err.push(t),
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--wrapping-key-pool must be a number; got "lots"/);
  });
});
