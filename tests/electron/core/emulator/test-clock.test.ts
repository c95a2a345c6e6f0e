import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CLOCK_OFFSET_SECONDS } from '../../../../electron/core/emulator/clock';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator/index';
import { lazyEmulator } from '../../../../electron/main/lazy-emulator';

/** The test clock endpoint: only with testClock, only with its token, JSON, no Origin, bounded. */
let emulator: RunningEmulator;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kms-test-clock-'));
  emulator = await startEmulator({ dataDir, testClock: true });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  json: Record<string, unknown>;
}

function clock(
  body: string | null,
  headers: Record<string, string> = {},
  { token = true, url = emulator.testClock!.url } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: body === null ? 'GET' : 'POST',
        headers: {
          ...(body === null ? {} : { 'Content-Type': 'application/json' }),
          ...(token ? { 'X-Emulator-Clock-Token': emulator.testClock!.token } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/** Runs `fn` and asserts the emulator clock did not move (beyond the real time that passed). */
async function unmoved(fn: () => Promise<Reply>): Promise<Reply> {
  const before = emulator.now().getTime() - Date.now();
  const reply = await fn();
  expect(Math.abs(emulator.now().getTime() - Date.now() - before)).toBeLessThan(50);
  return reply;
}

describe('the emulator test clock (--test-clock)', () => {
  it('has a per-start token and URL; GET with the token reads the clock', async () => {
    expect(emulator.testClock).toEqual({
      url: `${emulator.endpoint}/_emulator/clock`,
      token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
    });
    const reply = await clock(null);
    expect(reply.status).toBe(200);
    expect(Math.abs((reply.json.now as number) * 1000 - emulator.now().getTime())).toBeLessThan(1000);
  });

  it('advances with the token, JSON and no Origin', async () => {
    const before = emulator.now().getTime();
    const reply = await clock(JSON.stringify({ advanceSeconds: 3600 }));
    expect(reply.status).toBe(200);
    expect(emulator.now().getTime() - before).toBeGreaterThanOrEqual(3600_000);
    expect(Date.parse(reply.json.iso as string)).toBeGreaterThanOrEqual(before + 3600_000);
  });

  it('set moves it to a given time, forward only', async () => {
    const target = new Date(emulator.now().getTime() + 2 * 86_400_000);
    expect((await clock(JSON.stringify({ set: target.toISOString() }))).status).toBe(200);
    expect(Math.abs(emulator.now().getTime() - target.getTime())).toBeLessThan(1000);
    const back = await unmoved(() => clock(JSON.stringify({ set: '2020-01-01T00:00:00Z' })));
    expect(back).toMatchObject({ status: 400, json: { __type: 'ValidationException' } });
    expect(back.json.message).toMatch(/only moves forward/);
  });

  it('refuses a cross-origin request (Origin header), even with the token', async () => {
    const reply = await unmoved(() =>
      clock(JSON.stringify({ advanceSeconds: 31_536_000 }), { Origin: 'https://evil.example' }),
    );
    expect(reply).toMatchObject({ status: 403, json: { __type: 'AccessDeniedException' } });
    expect(reply.json.message).toMatch(/Origin/);
    expect((await unmoved(() => clock(null, { Origin: 'null' }))).status).toBe(403);
  });

  it('refuses Content-Type text/plain (what a page can send without a preflight)', async () => {
    const reply = await unmoved(() =>
      clock(JSON.stringify({ advanceSeconds: 31_536_000 }), { 'Content-Type': 'text/plain' }),
    );
    expect(reply).toMatchObject({ status: 415, json: { __type: 'UnsupportedMediaTypeException' } });
    expect(reply.json.message).toMatch(/application\/json; got text\/plain/);
  });

  it('refuses a request without the token, or with another one', async () => {
    const none = await unmoved(() => clock(JSON.stringify({ advanceSeconds: 60 }), {}, { token: false }));
    expect(none).toMatchObject({ status: 403, json: { __type: 'AccessDeniedException' } });
    expect(none.json.message).toMatch(/X-Emulator-Clock-Token/);
    const wrong = await unmoved(() =>
      clock(JSON.stringify({ advanceSeconds: 60 }), { 'X-Emulator-Clock-Token': 'x'.repeat(32) }),
    );
    expect(wrong.status).toBe(403);
    expect((await unmoved(() => clock(null, {}, { token: false }))).status).toBe(403);
  });

  it('refuses 1e308, negative, non-numeric and > 10 years with a clear 400; the clock stays finite', async () => {
    for (const body of [
      '{"advanceSeconds":1e308}',
      '{"advanceSeconds":-5}',
      '{"advanceSeconds":"60"}',
      `{"advanceSeconds":${MAX_CLOCK_OFFSET_SECONDS + 1}}`,
      '{"set":1e308}',
      '{"set":"not a date"}',
      '{"advanceSeconds":1,"set":"2030-01-01T00:00:00Z"}',
      '{"advanceSeconds":1,"extra":true}',
      '[]',
      'not json',
    ]) {
      const reply = await unmoved(() => clock(body));
      expect(reply.status, body).toBe(400);
      expect(['ValidationException', 'SerializationException']).toContain(reply.json.__type);
      expect(reply.json.message, body).toEqual(expect.any(String));
    }
    const big = await clock('{"advanceSeconds":1e308}');
    expect(big.json.message).toMatch(/more than 10 years/);
    expect(Number.isFinite(emulator.now().getTime())).toBe(true);
  });

  it("the app's embedded emulator (lazyEmulator, Electron main) has no test clock", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-lazy-'));
    const lazy = lazyEmulator(dir);
    try {
      const { running } = await lazy.get();
      expect(running.testClock).toBeNull();
      const reply = await new Promise<number>((resolve, reject) => {
        const req = request(`${running.endpoint}/_emulator/clock`, { method: 'GET' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(reply).toBe(400); // no such operation (MissingAuthenticationToken / UnknownOperation)
    } finally {
      await lazy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('kms-ceremony emulator --test-clock', () => {
  const BIN = join(__dirname, '../../../../bin/kms-ceremony.cjs');

  async function firstLines(args: string[]): Promise<{ stdout: string; stop: () => void }> {
    const child = spawn(
      process.execPath,
      [BIN, 'emulator', '--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'kms-cli-clock-')), ...args],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let stdout = '';
    await new Promise<void>((ready) =>
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (/stop with Ctrl-C/.test(stdout)) setTimeout(ready, 50);
      }),
    );
    return { stdout, stop: () => child.kill('SIGTERM') };
  }

  it('prints the test clock URL and its per-start token; without the flag there is none', async () => {
    const withClock = await firstLines(['--test-clock']);
    const without = await firstLines([]);
    try {
      const [, url, token] = /^test clock: (\S+) \(X-Emulator-Clock-Token: (\S+)\)$/m.exec(withClock.stdout)!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_emulator\/clock$/);
      const moved = await clock(
        '{"advanceSeconds":60}',
        { 'X-Emulator-Clock-Token': token! },
        { url: url!, token: false },
      );
      expect(moved.status).toBe(200);
      expect(without.stdout).not.toMatch(/test clock/);
    } finally {
      withClock.stop();
      without.stop();
    }
  });
});
