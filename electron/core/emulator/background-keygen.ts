/**
 * RSA key pair generation for the wrapping-key pool's background fill, on one worker thread that runs at
 * the lowest CPU priority (nice 19) where the OS lets a thread lower its own (Linux: setpriority on the
 * thread's id from /proc/thread-self; elsewhere it runs at normal priority). Why: a refill of RSA_4096
 * takes 0.3–3 s of a core, and the emulator runs on the same machine as the ceremony it serves — at
 * normal priority a refill after GetParametersForImport took a core from the caller's own work for its
 * whole run (real KMS spends its CPU elsewhere). Idle cores still fill the pool as fast as before. Nice 19
 * alone is not enough on Linux (a core running a nice-19 thread does not count as idle when a thread wakes),
 * so the pool also starts a background pair only once requests pause (wrapping-pool.ts).
 * A caller waiting on an empty pool does not come here: its pair is generated at once, at normal priority.
 * The cost: a generation cannot be interrupted, so a process exiting while one is under way (Ctrl-C on
 * `kms-ceremony emulator`, quitting the app) waits for it to end — measured 0.06–1.4 s on this 2-core
 * machine while it was busy; on libuv's pool the exit did not wait.
 */
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';

export interface GeneratedPair {
  privateKey: KeyObject;
  publicKeyDer: Buffer;
}

// Plain CommonJS evaluated by the worker (no file to find from sources, bundles or the packaged app).
// KeyObjects cross threads by postMessage (Node ≥ 14.5).
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { generateKeyPairSync } = require('node:crypto');
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, 19);
} catch {}
parentPort.on('message', ({ id, bits }) => {
  try {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
    parentPort.postMessage({ id, privateKey, publicKeyDer: publicKey.export({ format: 'der', type: 'spki' }) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

type Reply = { id: number; privateKey?: KeyObject; publicKeyDer?: Uint8Array; error?: string };

/** One low-priority generator thread; requests are answered in order. */
export class BackgroundKeygen {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (p: GeneratedPair) => void; reject: (e: Error) => void }
  >();

  /**
   * A new RSA pair of `bits` (2048–4096, public exponent 65537). Errors: the generator's own, or "the
   * generator stopped" when the thread exits; a thread that cannot start falls back to libuv's pool.
   */
  generate(bits: number): Promise<GeneratedPair> {
    const worker = this.thread();
    if (!worker) return generateOnThreadPool(bits);
    const id = this.nextId++;
    worker.ref(); // alive while a pair is being made, as the thread-pool generation was
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, bits });
    });
  }

  /** Stops the thread; pending generations are rejected. */
  close(): void {
    const worker = this.worker;
    this.worker = null;
    this.fail(new Error('the emulator is closing'));
    void worker?.terminate();
  }

  private thread(): Worker | null {
    if (this.worker) return this.worker;
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true });
    } catch {
      return null;
    }
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.error || !reply.privateKey || !reply.publicKeyDer) p.reject(new Error(reply.error));
      else p.resolve({ privateKey: reply.privateKey, publicKeyDer: Buffer.from(reply.publicKeyDer) });
    });
    const stopped = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(error);
    };
    worker.on('error', stopped);
    worker.on('exit', () => stopped(new Error('the key generator stopped')));
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

/** Generation on libuv's thread pool at normal priority (a waiting caller's pair, or no worker). */
export function generateOnThreadPool(bits: number): Promise<GeneratedPair> {
  return new Promise((resolve, reject) =>
    generateKeyPair(
      'rsa',
      { modulusLength: bits, publicExponent: 0x10001 },
      (error, publicKey, privateKey) =>
        error
          ? reject(error)
          : resolve({ privateKey, publicKeyDer: publicKey.export({ format: 'der', type: 'spki' }) }),
    ),
  );
}
