import { generateKeyPair, type KeyObject } from 'node:crypto';

/**
 * Pre-generated RSA wrapping key pairs, so GetParametersForImport does not make the caller wait for RSA key
 * generation (RSA_4096 takes seconds). Each spec's pool starts on its first use (idle emulators and tests burn
 * no CPU), holds `size` pairs, and is refilled in the background by the async (thread-pool) generator.
 */
export type WrappingKeySpecName = 'RSA_2048' | 'RSA_3072' | 'RSA_4096';
export interface WrappingPair {
  privateKey: KeyObject;
  publicKeyDer: Buffer;
}

const BITS: Record<WrappingKeySpecName, number> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };

interface SpecPool {
  ready: WrappingPair[];
  inFlight: number;
  waiters: ((pair: WrappingPair) => void)[];
  failures: ((error: Error) => void)[];
}

export class WrappingPool {
  private readonly pools = new Map<WrappingKeySpecName, SpecPool>();
  private closed = false;

  constructor(private readonly size = 2) {}

  /** A pair used by nobody else: every GetParametersForImport gets a fresh one (spec §1.3). */
  take(spec: WrappingKeySpecName): Promise<WrappingPair> {
    const pool = this.poolFor(spec);
    const pair = pool.ready.shift();
    const result = pair
      ? Promise.resolve(pair)
      : new Promise<WrappingPair>((resolve, reject) => {
          pool.waiters.push(resolve);
          pool.failures.push(reject);
        });
    this.refill(spec, pool);
    return result;
  }

  /** Pairs ready right now, per spec (for tests and diagnostics). */
  readyCount(spec: WrappingKeySpecName): number {
    return this.pools.get(spec)?.ready.length ?? 0;
  }

  close(): void {
    this.closed = true;
    this.pools.clear();
  }

  private poolFor(spec: WrappingKeySpecName): SpecPool {
    let pool = this.pools.get(spec);
    if (!pool) {
      pool = { ready: [], inFlight: 0, waiters: [], failures: [] };
      this.pools.set(spec, pool);
    }
    return pool;
  }

  private refill(spec: WrappingKeySpecName, pool: SpecPool): void {
    while (!this.closed && pool.ready.length + pool.inFlight < this.size + pool.waiters.length) {
      pool.inFlight++;
      generateKeyPair(
        'rsa',
        { modulusLength: BITS[spec], publicExponent: 0x10001 },
        (error, publicKey, privateKey) => {
          pool.inFlight--;
          if (this.closed) return;
          if (error) {
            pool.waiters.shift();
            pool.failures.shift()?.(error);
            return;
          }
          const pair = { privateKey, publicKeyDer: publicKey.export({ format: 'der', type: 'spki' }) };
          const waiter = pool.waiters.shift();
          pool.failures.shift();
          if (waiter) waiter(pair);
          else pool.ready.push(pair);
          this.refill(spec, pool);
        },
      );
    }
  }
}
