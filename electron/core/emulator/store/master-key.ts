import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import {
  createCipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomFillSync,
  timingSafeEqual,
} from 'node:crypto';
import { AppError } from '../../errors';
import { openAesGcm } from '../aes-gcm';

/**
 * The data directory's master key: a 0600 file holding 32 random bytes followed by their 16-byte check value
 * (`masterKeyCheckValue`), verified at every start so a damaged key is reported before anything is
 * decrypted with it (rather than as HTTP 500 on first use). Everything secret the emulator keeps at rest (key
 * material) is sealed under a subkey of it with AES-256-GCM; import tokens and KeyMaterialIds use other
 * subkeys. Losing the file makes the store unreadable, which is reported, never papered over.
 */
const KEY_BYTES = 32;
const CHECK_BYTES = 16;
/** Files written before the check value was added hold the key alone. */
const LEGACY_BYTES = KEY_BYTES;

const HINT =
  'Nothing was changed. Restore master.key from a backup of this data directory, or start with a new --data-dir.';

/** Hex HMAC-SHA256(key, "kms-emulator master key check value"), first 16 bytes: identifies, never reveals. */
export function masterKeyCheckValue(key: Buffer): string {
  return checkBytes(key).toString('hex');
}

function checkBytes(key: Buffer): Buffer {
  return createHmac('sha256', key)
    .update('kms-emulator master key check value')
    .digest()
    .subarray(0, CHECK_BYTES);
}

/**
 * Reads and verifies the master key (a Buffer.alloc'd copy: the caller wipes it). `legacy`: the file has no
 * check value yet (only its size could be checked); the store adds one once the journal has been read.
 * Throws AppError('EMULATOR_STORE_UNREADABLE' | 'EMULATOR_STORE_CORRUPT') naming the file.
 */
export function readMasterKey(path: string): { key: Buffer; legacy: boolean } {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (error) {
    throw new AppError(
      'EMULATOR_STORE_UNREADABLE',
      `The emulator master key ${path} cannot be read: ${(error as Error).message}.`,
      'Check the permissions of the data directory (the key file must be readable by this user).',
    );
  }
  try {
    if (file.length !== KEY_BYTES + CHECK_BYTES && file.length !== LEGACY_BYTES) {
      throw new AppError(
        'EMULATOR_STORE_CORRUPT',
        `The emulator master key ${path} has ${file.length} bytes; it must have ${KEY_BYTES + CHECK_BYTES} (the key and its check value).`,
        HINT,
      );
    }
    const key = Buffer.alloc(KEY_BYTES);
    file.copy(key, 0, 0, KEY_BYTES);
    if (file.length === LEGACY_BYTES) return { key, legacy: true };
    if (!timingSafeEqual(checkBytes(key), file.subarray(KEY_BYTES))) {
      key.fill(0);
      throw new AppError(
        'EMULATOR_STORE_CORRUPT',
        `The emulator master key ${path} fails its check value: the file was changed or damaged, so the stored key material cannot be decrypted with it.`,
        HINT,
      );
    }
    return { key, legacy: false };
  } finally {
    file.fill(0);
  }
}

/** A new random master key (Buffer.alloc'd; the caller wipes it), not yet on disk. */
export function newMasterKey(): Buffer {
  const key = Buffer.alloc(KEY_BYTES);
  randomFillSync(key);
  return key;
}

/**
 * Writes key + check value to `path` (0600, fsync'd). `replace`: atomically replace an existing legacy file
 * (temp file and rename); otherwise the file must not exist yet.
 */
export function writeMasterKey(path: string, key: Buffer, replace = false): void {
  const target = replace ? `${path}.tmp` : path;
  const out = openSync(target, replace ? 'w' : 'wx', 0o600);
  const data = Buffer.alloc(KEY_BYTES + CHECK_BYTES);
  try {
    key.copy(data);
    checkBytes(key).copy(data, KEY_BYTES);
    writeSync(out, data);
    fsyncSync(out);
  } finally {
    data.fill(0);
    closeSync(out);
  }
  if (replace) renameSync(target, path);
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
