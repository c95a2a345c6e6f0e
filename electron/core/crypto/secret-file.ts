/**
 * Reads a user-chosen key-material file straight into a non-pooled buffer (readFileSync may hand out
 * slices of Node's shared pool, which cannot be wiped reliably). The caller wipes it.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../errors';
import { Secret } from './secret';
import { normaliseSecretFile, type SecretFileText } from './secret-text';

const MAX_MATERIAL_FILE = 1024 * 1024;

export function readSecretFile(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new AppError(
      'READ_FAILED',
      `Could not open ${path}: ${(error as Error).message}`,
      'Choose a readable file.',
    );
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0)
      throw new AppError('EMPTY_FILE', `${path} is empty.`, 'Choose the file that holds the key material.');
    if (size > MAX_MATERIAL_FILE) {
      throw new AppError(
        'FILE_TOO_LARGE',
        `${path} is ${size} bytes; key material files are at most a few kilobytes.`,
        'Choose the key material file itself, not an archive or a disk image.',
      );
    }
    const buffer = Buffer.alloc(size);
    let offset = 0;
    try {
      while (offset < size) {
        const n = readSync(fd, buffer, offset, size - offset, offset);
        if (n === 0) break;
        offset += n;
      }
    } catch (error) {
      buffer.fill(0); // a read that failed half-way: wipe what it got
      throw error;
    }
    return offset === size ? buffer : buffer.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

/**
 * A passphrase file's bytes as a Secret the caller wipes: read like bundle files (secret-text.ts: UTF-8 BOM
 * removed, UTF-16 converted to UTF-8, each conversion pushed onto `notes`), without one final line end (LF or
 * CRLF). Throws AppError('BAD_PASSPHRASE_FILE') for a Unicode form that cannot be converted, naming it.
 */
export function readPassphraseFile(path: string, notes?: string[]): Secret {
  const file = readSecretFile(path);
  let text: SecretFileText | null = null;
  try {
    text = normaliseSecretFile(file, 'passphrase');
    const bytes = text.bytes;
    let end = bytes.length;
    if (bytes[end - 1] === 0x0a) end--;
    if (bytes[end - 1] === 0x0d) end--;
    notes?.push(...text.notes);
    return Secret.copyOf(bytes.subarray(0, end));
  } finally {
    file.fill(0);
    text?.bytes.fill(0);
  }
}
