import { randomFillSync, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';

/**
 * Holder for secret bytes. The bytes live in one Buffer.alloc'd buffer (never the shared 8 KiB pool that
 * Buffer.from/allocUnsafe use, so wiping really removes them), are lent out through `use`, and are never
 * rendered: toString, toJSON and util.inspect all print "[Secret: N bytes redacted]".
 */
export class Secret {
  #bytes: Buffer;
  #wiped = false;

  private constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  static alloc(length: number): Secret {
    return new Secret(Buffer.alloc(length));
  }

  /** Copies `bytes` into a fresh non-pooled buffer; the caller still owns (and should wipe) `bytes`. */
  static copyOf(bytes: Uint8Array): Secret {
    const secret = Secret.alloc(bytes.length);
    secret.#bytes.set(bytes);
    return secret;
  }

  /** `length` cryptographically random bytes. */
  static random(length: number): Secret {
    const secret = Secret.alloc(length);
    randomFillSync(secret.#bytes);
    return secret;
  }

  get length(): number {
    return this.#bytes.length;
  }

  get wiped(): boolean {
    return this.#wiped;
  }

  /** Borrow the bytes for the duration of `fn` (synchronous use only); do not keep the reference. */
  use<T>(fn: (bytes: Buffer) => T): T {
    if (this.#wiped) throw new Error('This secret was already wiped.');
    return fn(this.#bytes);
  }

  wipe(): void {
    this.#bytes.fill(0);
    this.#wiped = true;
  }

  /** Constant time for equal lengths; different lengths are simply unequal. */
  equals(other: Secret): boolean {
    if (this.length !== other.length) return false;
    return this.use((a) => other.use((b) => timingSafeEqual(a, b)));
  }

  toString(): string {
    return `[Secret: ${this.length} bytes redacted]`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** Overwrites every given buffer with zeros (for `finally` blocks). */
export function wipe(...buffers: (Uint8Array | null | undefined)[]): void {
  for (const buffer of buffers) buffer?.fill(0);
}

/** Copies a Buffer returned by Node (whose allocation we don't control) into a Secret and wipes the original. */
export function adoptIntoSecret(bytes: Buffer): Secret {
  try {
    return Secret.copyOf(bytes);
  } finally {
    bytes.fill(0);
  }
}

/**
 * What someone typed (a passphrase, a component's hex groups) as a Secret, written straight into a
 * non-pooled buffer: Buffer.from(string) could leave a copy in Node's shared pool. The JS string itself
 * cannot be wiped; the caller drops it at once.
 */
export function secretFromTyped(text: string): Secret {
  const secret = Secret.alloc(Buffer.byteLength(text, 'utf8'));
  secret.use((bytes) => bytes.write(text, 'utf8'));
  return secret;
}
