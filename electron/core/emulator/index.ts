import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { AppError } from '../errors';
import { EmulatorClock } from './clock';
import type { EmulatorContext } from './context';
import { settleAll } from './lifecycle';
import { createKmsServer } from './server';
import { TEST_CLOCK_PATH } from './test-clock';
import { checkedDelaySeconds, DEFAULT_REPLICA_CREATING_SECONDS, DEFAULT_ROTATION_SECONDS } from './timing';
import { KmsStore } from './store/kms-store';
import { WrappingPool, type WrappingKeySpecName } from './wrapping-pool';

/**
 * The local KMS emulator (issue 4): AWS JSON 1.1 KMS with faithful import semantics (spec §1–§5), state in a
 * data directory. Pure Node; the Electron main process, the CLI (`kms-ceremony emulator`) and tests embed it.
 */
export interface EmulatorOptions {
  dataDir: string;
  /** 0 = ephemeral (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  timeOffsetSeconds?: number;
  /** Default '111122223333'. */
  accountId?: string;
  /** Region used when a request carries no SigV4 credential scope. Default 'us-east-1'. */
  defaultRegion?: string;
  /**
   * Fidelity flag (spec §7 #2, unverified): accept HMAC material from the digest length up to 128 bytes.
   * Default false: the documented exact-length rule.
   */
  hmacAcceptLonger?: boolean;
  /**
   * Serve the test clock `/_emulator/clock` (test-clock.ts), guarded by a token made at start
   * (`RunningEmulator.testClock`). For tests, the e2e bridge and `kms-ceremony emulator --test-clock`;
   * never the app's own emulator. Default false: the path does not exist.
   */
  testClock?: boolean;
  /**
   * RSA wrapping key pairs kept ready per wrapping key spec (default 2), filled in the background for every
   * spec right after the server listens, so GetParametersForImport rarely waits for RSA key generation.
   * 0 = no pool: every call generates its pair.
   */
  wrappingKeyPool?: number;
  /** Seconds of emulator time a new replica stays Creating (timing.ts; default 120). */
  replicaCreatingSeconds?: number;
  /** Seconds of emulator time before RotateKeyOnDemand completes (timing.ts; default 30). */
  rotationSeconds?: number;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  /** In-process clock move (forward, within 10 years: RangeError otherwise). */
  advanceClock(seconds: number): void;
  now(): Date;
  /** With `testClock: true`: the clock's URL and the token its requests carry (X-Emulator-Clock-Token). */
  testClock: { url: string; token: string } | null;
  /** The wrapping-key pool: pairs ready per spec, and `full()` for benchmarks and tests that wait for a refill. */
  wrappingPool: { ready(spec: WrappingKeySpecName): number; full(): Promise<void> };
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 5_000;

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  let clock: EmulatorClock;
  let delays: { replicaCreatingSeconds: number; rotationSeconds: number };
  try {
    clock = new EmulatorClock(opts.timeOffsetSeconds ?? 0);
  } catch (error) {
    throw new AppError('USAGE', (error as Error).message, 'Choose a --time-offset within ten years.');
  }
  try {
    delays = {
      replicaCreatingSeconds: checkedDelaySeconds(
        opts.replicaCreatingSeconds,
        '--replica-creating-seconds',
        DEFAULT_REPLICA_CREATING_SECONDS,
      ),
      rotationSeconds: checkedDelaySeconds(
        opts.rotationSeconds,
        '--rotation-seconds',
        DEFAULT_ROTATION_SECONDS,
      ),
    };
  } catch (error) {
    throw new AppError('USAGE', (error as Error).message, 'Choose a delay from 0 seconds to one day.');
  }
  const store = KmsStore.open(opts.dataDir);
  const pool = new WrappingPool(opts.wrappingKeyPool ?? 2, store.poolSpares);
  const ctx: EmulatorContext = {
    store,
    clock,
    pool,
    accountId: opts.accountId ?? '111122223333',
    defaultRegion: opts.defaultRegion ?? 'us-east-1',
    ...delays,
    hmacAcceptLonger: opts.hmacAcceptLonger ?? false,
  };
  const testClockToken = opts.testClock ? randomBytes(24).toString('base64url') : undefined;
  const server = createKmsServer(ctx, testClockToken);
  const host = opts.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    pool.close();
    store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new AppError(
        'EMULATOR_PORT_UNAVAILABLE',
        `The emulator cannot listen on ${host}:${opts.port ?? 0} (${code}).`,
        'Choose another --port (0 picks a free one), or stop the program using that port.',
      );
    }
    throw error;
  }
  if ((opts.wrappingKeyPool ?? 2) > 0) pool.warm();
  // Expiry also happens while nobody asks, so ListKeys-style views and rehearsals see it.
  const sweep = setInterval(() => {
    try {
      settleAll(ctx);
    } catch (error) {
      // The next request that touches the key settles it again and reports the failure to its caller.
      console.error('kms-emulator: background expiry sweep failed:', (error as Error).message);
    }
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const endpoint = `http://${shownHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    endpoint,
    port,
    testClock: testClockToken ? { url: `${endpoint}${TEST_CLOCK_PATH}`, token: testClockToken } : null,
    advanceClock(seconds) {
      ctx.clock.advance(seconds);
      settleAll(ctx);
    },
    now: () => ctx.clock.now(),
    wrappingPool: { ready: (spec) => pool.readyCount(spec), full: () => pool.whenFull() },
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(sweep);
        server.close(() => {
          pool.close();
          store.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
