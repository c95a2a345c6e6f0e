import type { AddressInfo } from 'node:net';
import { AppError } from '../errors';
import { EmulatorClock } from './clock';
import type { EmulatorContext } from './context';
import { settleAll } from './lifecycle';
import { createKmsServer } from './server';
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
   * RSA wrapping key pairs kept ready per wrapping key spec (default 2), filled in the background for every
   * spec right after the server listens, so GetParametersForImport rarely waits for RSA key generation.
   * 0 = no pool: every call generates its pair.
   */
  wrappingKeyPool?: number;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  advanceClock(seconds: number): void;
  now(): Date;
  /** The wrapping-key pool: pairs ready per spec, and `full()` for benchmarks and tests that wait for a refill. */
  wrappingPool: { ready(spec: WrappingKeySpecName): number; full(): Promise<void> };
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 5_000;

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const store = KmsStore.open(opts.dataDir);
  const pool = new WrappingPool(opts.wrappingKeyPool ?? 2);
  const ctx: EmulatorContext = {
    store,
    clock: new EmulatorClock(opts.timeOffsetSeconds ?? 0),
    pool,
    accountId: opts.accountId ?? '111122223333',
    defaultRegion: opts.defaultRegion ?? 'us-east-1',
    rotationSeconds: 10,
    replicaCreatingSeconds: 5,
    hmacAcceptLonger: opts.hmacAcceptLonger ?? false,
  };
  const server = createKmsServer(ctx);
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
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${shownHost}:${port}`,
    port,
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
