import type { KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { BackgroundKeygen, generateOnThreadPool } from './background-keygen';

/**
 * Pre-generated RSA wrapping key pairs, so GetParametersForImport does not make the caller wait for RSA key
 * generation (RSA_4096 takes seconds). `warm()` (the emulator calls it once it listens) fills every spec to
 * `size` pairs; a spec is also filled after its first use. Generation never runs on the event loop: requests
 * keep being answered while the pool refills. Background filling makes one pair at a time on one thread at
 * the lowest CPU priority (./background-keygen.ts), and only once clients have left the emulator quiet for a
 * moment (`BackgroundFillTiming`); a caller that finds its spec empty starts its own generation at once, at
 * normal priority, on libuv's thread pool. A size of 0 keeps no pairs: every call waits for a fresh
 * generation. With a `SpareStore` (the data directory's, store/pool-spares.ts) the pairs made in the
 * background outlive the process: `warm()` starts from the spares a previous run left, and a spare leaves the
 * store before it is handed out.
 */
export type WrappingKeySpecName = 'RSA_2048' | 'RSA_3072' | 'RSA_4096';
export interface WrappingPair {
  privateKey: KeyObject;
  publicKeyDer: Buffer;
}

/** Where spare pairs outlive the process (store/pool-spares.ts). */
export interface SpareStore {
  /** At most `limit` spares per RSA modulus length. Never throws. */
  load(limit: number): { id: string; pair: WrappingPair }[];
  /** The spare's id, or null when it is kept in memory only. */
  save(pair: WrappingPair): string | null;
  /** Removes a spare for good; false when it could not be removed (the pair must not be used). */
  claim(id: string): boolean;
}

/** Fill order: the spec the app and `kms-ceremony run` recommend first. */
export const WRAPPING_POOL_SPECS: readonly WrappingKeySpecName[] = ['RSA_4096', 'RSA_2048', 'RSA_3072'];
const BITS: Record<WrappingKeySpecName, number> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
const SPEC_OF_BITS = new Map(WRAPPING_POOL_SPECS.map((spec) => [BITS[spec], spec]));

/**
 * When the background fill may start its next pair: once no request has been open for `quietMs` (requests
 * count from their arrival to their response, a caller's own generation included), or once that pair has
 * waited `maxDeferMs` (a client that never pauses still gets one pair per `maxDeferMs`). Why wait at all:
 * nice 19 alone did not keep a refill off the ceremony's cores. Linux places a waking thread on an idle
 * core, and a core running a nice-19 thread is not idle, so a scripted ceremony whose GetParametersForImport
 * started an RSA_4096 refill ran its next steps on one core beside its own PDF thread (perf: the refill
 * thread had a core, the ceremony's main thread 35–70 % of the other). Measured on our 2-core machine,
 * ECC ceremony of bench:ceremony, 15 alternating pairs: with the refill held back until 1.5 s of quiet the
 * ceremony took 0.91× the time it took with the refill started at once; with 0.5 s, bench:ceremony's ECC
 * ratio went from 7.5× to 7.8–8.6×. Milliseconds.
 */
export interface BackgroundFillTiming {
  quietMs: number;
  maxDeferMs: number;
}
/**
 * A scripted ceremony's requests come tens of milliseconds apart (it draws its record after the last); a
 * person at a step takes seconds; the app's replica screen polls once a second.
 */
export const BACKGROUND_FILL_TIMING: BackgroundFillTiming = { quietMs: 500, maxDeferMs: 5_000 };

interface Waiter {
  resolve: (pair: WrappingPair) => void;
  reject: (error: Error) => void;
}
interface SpecPool {
  /** `id`: the pair's spare in the SpareStore, claimed before it is handed out. */
  ready: { pair: WrappingPair; id: string | null }[];
  inFlight: number;
  /** Of `inFlight`, generations started for a waiting caller (normal priority). */
  forCallers: number;
  waiters: Waiter[];
  /** Kept at `size` once warmed or first used; idle specs of an unwarmed pool cost nothing. */
  active: boolean;
}

export class WrappingPool {
  private readonly pools = new Map<WrappingKeySpecName, SpecPool>(
    WRAPPING_POOL_SPECS.map((spec) => [
      spec,
      { ready: [], inFlight: 0, forCallers: 0, waiters: [], active: false },
    ]),
  );
  private closed = false;
  private full: (() => void)[] = [];
  private readonly background = new BackgroundKeygen();
  private sparesLoaded = false;
  /** When the last request ended (performance.now(), a monotonic clock), and how many are open. */
  private lastRequestAt = -Infinity;
  private openRequests = 0;
  /** Since when the next background pair has been held back (null: nothing held back). */
  private deferredSince: number | null = null;
  private deferral: NodeJS.Timeout | null = null;

  constructor(
    private readonly size = 2,
    private readonly spares: SpareStore | null = null,
    private readonly timing: BackgroundFillTiming = BACKGROUND_FILL_TIMING,
  ) {}

  /**
   * A client request arrived (the server calls this for every request, and the returned function once its
   * response is finished or the connection closed): the background fill holds back until `quietMs` after
   * the last one ended. Calling the returned function more than once counts once.
   */
  beginRequest(): () => void {
    this.openRequests++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.openRequests--;
      this.lastRequestAt = performance.now();
    };
  }

  /** Takes up the spares a previous run left, then fills every spec in the background. */
  warm(): void {
    if (this.spares && !this.sparesLoaded) {
      this.sparesLoaded = true;
      for (const { id, pair } of this.spares.load(this.size)) {
        const spec = SPEC_OF_BITS.get(pair.privateKey.asymmetricKeyDetails?.modulusLength ?? 0);
        if (spec) this.pools.get(spec)!.ready.push({ pair, id });
      }
    }
    for (const pool of this.pools.values()) pool.active = true;
    this.schedule();
  }

  /** A pair used by nobody else: every GetParametersForImport gets a fresh one (spec §1.3). */
  take(spec: WrappingKeySpecName): Promise<WrappingPair> {
    const pool = this.pools.get(spec)!;
    pool.active = true;
    let entry = pool.ready.shift();
    while (entry?.id && !this.spares!.claim(entry.id)) entry = pool.ready.shift();
    const result = entry
      ? Promise.resolve(entry.pair)
      : new Promise<WrappingPair>((resolve, reject) => pool.waiters.push({ resolve, reject }));
    this.schedule();
    return result;
  }

  /** Pairs ready right now, per spec (for tests and diagnostics). */
  readyCount(spec: WrappingKeySpecName): number {
    return this.pools.get(spec)?.ready.length ?? 0;
  }

  /** Pairs being generated right now, for callers and in the background (for tests and diagnostics). */
  generatingCount(): number {
    return [...this.pools.values()].reduce((n, p) => n + p.inFlight, 0);
  }

  /** Resolves when every active spec holds `size` pairs and nothing is being generated (benchmarks, tests). */
  whenFull(): Promise<void> {
    if (this.closed || this.isFull()) return Promise.resolve();
    return new Promise((resolve) => this.full.push(resolve));
  }

  close(): void {
    this.closed = true;
    if (this.deferral) clearTimeout(this.deferral);
    this.background.close();
    for (const pool of this.pools.values()) {
      pool.ready.length = 0;
      for (const waiter of pool.waiters.splice(0)) waiter.reject(new Error('the emulator is closing'));
    }
    for (const resolve of this.full.splice(0)) resolve();
  }

  private isFull(): boolean {
    return [...this.pools.values()].every(
      (p) => p.inFlight === 0 && p.waiters.length === 0 && (!p.active || p.ready.length >= this.size),
    );
  }

  private schedule(): void {
    if (this.closed) return;
    // Callers first: one generation per waiting caller, immediately (a low-priority one in flight does not
    // count: on a busy machine it could make the caller wait for idle CPU; the first pair made serves it).
    for (const [spec, pool] of this.pools) {
      while (pool.waiters.length > pool.forCallers) this.generate(spec, pool, true);
    }
    // Then the background fill, one pair at a time: the active spec with the fewest pairs.
    const busy = [...this.pools.values()].some((p) => p.inFlight > 0);
    if (!busy) {
      let neediest: [WrappingKeySpecName, SpecPool] | null = null;
      for (const entry of this.pools) {
        const pool = entry[1];
        if (
          pool.active &&
          pool.ready.length < this.size &&
          (!neediest || pool.ready.length < neediest[1].ready.length)
        )
          neediest = entry;
      }
      if (neediest) {
        const wait = this.backgroundWait();
        if (wait <= 0) {
          this.deferredSince = null;
          this.generate(...neediest, false);
        } else if (!this.deferral) {
          this.deferral = setTimeout(() => {
            this.deferral = null;
            this.schedule();
          }, wait);
          this.deferral.unref(); // a refill never keeps a process alive on its own
        }
      }
    }
    if (this.isFull()) for (const resolve of this.full.splice(0)) resolve();
  }

  /** Milliseconds until the background fill may start a pair (≤ 0: now); see BackgroundFillTiming. */
  private backgroundWait(): number {
    const now = performance.now();
    this.deferredSince ??= now;
    const quietFrom = this.openRequests > 0 ? now : this.lastRequestAt;
    return Math.min(quietFrom + this.timing.quietMs - now, this.deferredSince + this.timing.maxDeferMs - now);
  }

  private generate(spec: WrappingKeySpecName, pool: SpecPool, forCaller: boolean): void {
    pool.inFlight++;
    if (forCaller) pool.forCallers++;
    const made = forCaller ? generateOnThreadPool(BITS[spec]) : this.background.generate(BITS[spec]);
    made.then(
      (pair) => this.done(pool, forCaller, pair, null),
      (error: Error) => this.done(pool, forCaller, null, error),
    );
  }

  private done(pool: SpecPool, forCaller: boolean, pair: WrappingPair | null, error: Error | null): void {
    pool.inFlight--;
    if (forCaller) pool.forCallers--;
    if (this.closed) return;
    if (forCaller) this.deferredSince = null; // a busy pool was not starved: maxDeferMs counts from now
    if (pair) {
      const waiter = pool.waiters.shift();
      if (waiter) waiter.resolve(pair);
      else pool.ready.push({ pair, id: this.spares?.save(pair) ?? null });
    } else if (forCaller) {
      // Every waiter has a generation of its own; one already served by another pair has none to fail.
      if (pool.waiters.length > pool.forCallers) pool.waiters.shift()!.reject(error!);
    } else {
      pool.active = false; // no retry loop in the background: the next caller tries again
    }
    this.schedule();
  }
}
