import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readSecretFile } from '../crypto/secret-file';
import { AppError } from '../errors';
import type { FileIo } from './append-file';
import { sha256Hex } from './chain';

/** Private key: PKCS#8 DER (binary, never a string in memory), mode 0600. Public key: SPKI PEM for auditors. */
export const STATION_PRIVATE_KEY_FILE = 'ceremony-station-ed25519.pk8';
export const STATION_PUBLIC_KEY_FILE = 'ceremony-station-ed25519.pub.pem';

export interface StationKey {
  /** Lower-case hex SHA-256 of the SPKI DER public key: the `stationKeyId` in every event. */
  keyId: string;
  publicKey: KeyObject;
  publicKeyDer: Buffer;
  publicKeyPem: string;
  privateKey: KeyObject;
  /** True when this call generated the key (first run). */
  created: boolean;
  privateKeyPath: string;
  publicKeyPath: string;
}

/**
 * The station's Ed25519 ceremony key, created at first run under `dir`. An existing private key file that
 * others can read is refused (it signs the transcript; a copy would let anyone forge one). `io`: how an
 * existing key is read (append-file.ts; `kms-ceremony run`: 'blocking'); a new one is always written through
 * the thread pool (once per station).
 */
export async function loadOrCreateStationKey(dir: string, io: FileIo = 'thread-pool'): Promise<StationKey> {
  const privateKeyPath = path.join(dir, STATION_PRIVATE_KEY_FILE);
  const publicKeyPath = path.join(dir, STATION_PUBLIC_KEY_FILE);
  const blocking = io === 'blocking';
  if (blocking) mkdirSync(dir, { recursive: true, mode: 0o700 });
  else await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  let created = false;
  let privateKey: KeyObject;
  try {
    privateKey = await readPrivateKey(privateKeyPath, io);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    privateKey = generateKeyPairSync('ed25519').privateKey;
    try {
      await writeNew(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'der' }), 0o600);
      created = true;
    } catch (raced) {
      // Another process created the key first (two windows at first run): use that one.
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      privateKey = await readPrivateKey(privateKeyPath, io);
    }
  }
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  try {
    const onDisk = blocking ? readFileSync(publicKeyPath, 'utf8') : await fs.readFile(publicKeyPath, 'utf8');
    if (trustedKeyFrom(onDisk).keyId !== keyIdOf(publicKey)) {
      throw new AppError(
        'STATION_KEY_MISMATCH',
        `${publicKeyPath} does not belong to the private key in ${privateKeyPath}.`,
        'Someone replaced one of the two files. Restore both from the station backup, or move both away to start a new station identity.',
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await writeNew(publicKeyPath, Buffer.from(publicKeyPem, 'utf8'), 0o644);
  }
  const publicKeyDer = publicKey.export({ type: 'spki', format: 'der' });
  return {
    keyId: sha256Hex(publicKeyDer),
    publicKey,
    publicKeyDer,
    publicKeyPem,
    privateKey,
    created,
    privateKeyPath,
    publicKeyPath,
  };
}

async function readPrivateKey(file: string, io: FileIo): Promise<KeyObject> {
  const stat = io === 'blocking' ? statSync(file) : await fs.stat(file);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new AppError(
      'STATION_KEY_PERMISSIONS',
      `The station signing key ${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}).`,
      `Run "chmod 600 ${file}" and check who may have copied it; if in doubt, retire this station key.`,
    );
  }
  const corrupt = () =>
    new AppError(
      'STATION_KEY_CORRUPT',
      `${file} is not a PKCS#8 Ed25519 private key.`,
      'Restore it from the station backup; do not generate a new one over it.',
    );
  if (stat.size === 0) throw corrupt(); // readSecretFile would name it a key material file
  // readSecretFile, not readFileSync: a small file would be read into Node's shared buffer pool.
  const der = io === 'blocking' ? readSecretFile(file) : await fs.readFile(file);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw corrupt();
  } finally {
    der.fill(0);
  }
}

/** Creates a file that must not exist yet, fsyncs it and its folder. */
async function writeNew(file: string, data: Buffer, mode: number): Promise<void> {
  let handle;
  try {
    handle = await fs.open(file, 'wx', mode);
  } catch (error) {
    if (mode === 0o600) data.fill(0);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && mode !== 0o600) {
      throw new AppError(
        'FILE_EXISTS',
        `${file} already exists; it was not overwritten.`,
        'Choose another file name.',
      );
    }
    throw error;
  }
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
    if (mode === 0o600) data.fill(0);
  }
  await syncDir(path.dirname(file));
}

/** fsyncs the folder `dir`, so the names of files just created in it survive a crash (a no-op on Windows). */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** As syncDir, blocking the calling thread (append-file.ts). */
export function syncDirBlocking(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the station's public key (SPKI PEM) for auditors, e.g. onto removable media. Never overwrites.
 * Returns the PEM text and its key id (SHA-256 of the DER) so the UI can show what was exported.
 */
export async function exportStationPublicKey(
  stationKey: StationKey,
  target: string,
): Promise<{ path: string; keyId: string }> {
  await writeNew(target, Buffer.from(stationKey.publicKeyPem, 'utf8'), 0o644);
  return { path: target, keyId: stationKey.keyId };
}

export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' }));
}

export interface TrustedKey {
  keyId: string;
  publicKey: KeyObject;
}

/** An auditor's station key: SPKI PEM text or DER bytes, or a KeyObject (public or private). Ed25519 only. */
export function trustedKeyFrom(input: string | Uint8Array | KeyObject): TrustedKey {
  let publicKey: KeyObject;
  try {
    if (typeof input === 'string') publicKey = createPublicKey(input);
    else if (input instanceof Uint8Array) {
      const text = Buffer.from(input).toString('latin1');
      publicKey = text.includes('-----BEGIN')
        ? createPublicKey(text)
        : createPublicKey({ key: Buffer.from(input), format: 'der', type: 'spki' });
    } else publicKey = input.type === 'private' ? createPublicKey(input) : input;
  } catch {
    throw new AppError(
      'STATION_KEY_UNREADABLE',
      'This is not a station public key (expected an Ed25519 SPKI PEM or DER).',
      `Export it from the station: the file is ${STATION_PUBLIC_KEY_FILE} in the station's data folder.`,
    );
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new AppError(
      'STATION_KEY_UNREADABLE',
      `This is a ${publicKey.asymmetricKeyType ?? 'unknown'} key; station keys are Ed25519.`,
      `Use the file ${STATION_PUBLIC_KEY_FILE} from the station's data folder.`,
    );
  }
  return { keyId: keyIdOf(publicKey), publicKey };
}
