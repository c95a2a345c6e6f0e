import { closeSync, fsyncSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { createCipheriv, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';
import { AppError } from '../../errors';
import { openAesGcm } from '../aes-gcm';

/**
 * The data directory's master key: 32 random bytes in a 0600 file. Everything secret the emulator keeps at
 * rest (key material) is sealed under a subkey of it with AES-256-GCM; import tokens and KeyMaterialIds use
 * other subkeys. Losing the file makes the store unreadable, which is reported, never papered over.
 */
const KEY_BYTES = 32;

export function loadOrCreateMasterKey(path: string, storeExists: boolean): Buffer {
  const key = Buffer.alloc(KEY_BYTES);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new AppError(
        'EMULATOR_STORE_UNREADABLE',
        `The emulator master key ${path} cannot be read: ${(error as Error).message}.`,
        'Check the permissions of the data directory (the key file must be readable by this user).',
      );
    }
    if (storeExists) {
      throw new AppError(
        'EMULATOR_STORE_CORRUPT',
        `The emulator store exists but its master key ${path} is missing, so the stored key material cannot be decrypted.`,
        'Restore master.key from a backup of this data directory, or start with a new --data-dir.',
      );
    }
    randomFillSync(key);
    const out = openSync(path, 'wx', 0o600);
    try {
      writeSync(out, key);
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
    return key;
  }
  try {
    const size = statSync(path).size;
    if (size !== KEY_BYTES || readSync(fd, key, 0, KEY_BYTES, 0) !== KEY_BYTES) {
      key.fill(0);
      throw new AppError(
        'EMULATOR_STORE_CORRUPT',
        `The emulator master key ${path} has ${size} bytes; it must have exactly ${KEY_BYTES}.`,
        'Restore master.key from a backup of this data directory, or start with a new --data-dir.',
      );
    }
  } finally {
    closeSync(fd);
  }
  return key;
}

/** AES-256-GCM sealing under one HKDF subkey of the master key, with caller-supplied associated data. */
export class Sealer {
  private readonly key = Buffer.alloc(KEY_BYTES);

  constructor(masterKey: Buffer, label: string) {
    const derived = new Uint8Array(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), `kms-emulator/${label}`, KEY_BYTES),
    );
    this.key.set(derived);
    derived.fill(0);
  }

  /** iv(12) | tag(16) | ciphertext */
  seal(plaintext: Buffer, aad: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** Returns the plaintext in a Buffer.alloc'd buffer (caller wipes it), or null if authentication fails. */
  open(sealed: Buffer, aad: string): Buffer | null {
    if (sealed.length < 28) return null;
    const [iv, tag, body] = [sealed.subarray(0, 12), sealed.subarray(12, 28), sealed.subarray(28)];
    return openAesGcm(this.key, iv, Buffer.from(aad, 'utf8'), tag, body);
  }

  /** Raw subkey access for HMAC-based identifiers (never leaves this process). */
  hmacKey(): Buffer {
    return this.key;
  }

  wipe(): void {
    this.key.fill(0);
  }
}
