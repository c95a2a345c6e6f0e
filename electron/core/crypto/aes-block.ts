import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from 'node:crypto';
import { AppError } from '../errors';

/**
 * A single AES block operation (ECB, no padding) — the only AES primitive the core uses, because
 * it exists in both OpenSSL (Node) and BoringSSL (Electron). Key wrap and CMAC are built on it.
 */
export class AesBlock {
  readonly #cipher: Cipher | Decipher;

  constructor(key: Uint8Array, direction: 'encrypt' | 'decrypt') {
    const name = ecbCipherName(key.length);
    this.#cipher =
      direction === 'encrypt' ? createCipheriv(name, key, null) : createDecipheriv(name, key, null);
    this.#cipher.setAutoPadding(false);
  }

  /** Runs one 16-byte block from `input` into `output` (may be the same buffer). */
  run(input: Uint8Array, output: Uint8Array): void {
    const result = this.#cipher.update(input);
    try {
      if (result.length !== 16) throw new Error(`AES-ECB returned ${result.length} bytes for one block`);
      output.set(result);
    } finally {
      result.fill(0);
    }
  }

  /** Finishes the cipher context (ECB without padding holds nothing back). */
  close(): void {
    this.#cipher.final().fill(0);
  }
}

function ecbCipherName(keyLength: number): string {
  if (keyLength === 16 || keyLength === 24 || keyLength === 32) return `aes-${keyLength * 8}-ecb`;
  throw new AppError(
    'BAD_AES_KEY',
    `An AES key must be 16, 24 or 32 bytes; this one has ${keyLength}.`,
    'Use a 32-byte (AES-256) key.',
  );
}
