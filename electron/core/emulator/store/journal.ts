import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { AppError } from '../../errors';

/**
 * An fsync'd append-only journal of JSON entries, one line each: `<16-hex sha256 prefix> <json>\n`.
 * An append is acknowledged only after fsync, so nothing acknowledged is lost on kill -9. A line without its
 * final newline is a write that was never acknowledged (torn by a crash) and is dropped; any other damage
 * is corruption and stops the emulator with a clear error instead of resetting the store.
 */
const HEADER = { format: 'kms-emulator-journal', version: 1 } as const;

function line(entry: unknown): string {
  const json = JSON.stringify(entry);
  return `${createHash('sha256').update(json).digest('hex').slice(0, 16)} ${json}\n`;
}

function corrupt(path: string, lineNo: number, what: string): AppError {
  return new AppError(
    'EMULATOR_STORE_CORRUPT',
    `The emulator store ${path} is corrupt at line ${lineNo}: ${what}.`,
    'Nothing was changed. Restore the data directory from a backup, or start the emulator with a new --data-dir; ' +
      'the emulator never resets a damaged store by itself.',
  );
}

/** Reads every acknowledged entry. Throws AppError('EMULATOR_STORE_CORRUPT') on damage. */
export function readJournal(path: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError(
      'EMULATOR_STORE_UNREADABLE',
      `The emulator store ${path} cannot be read: ${(error as Error).message}.`,
      'Check the file permissions of the data directory; nothing was changed.',
    );
  }
  const lines = text.split('\n');
  const torn = lines.pop(); // '' when the file ends with a newline; otherwise an unacknowledged torn write
  void torn;
  const entries: unknown[] = [];
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const space = raw.indexOf(' ');
    const sum = raw.slice(0, space);
    const json = raw.slice(space + 1);
    if (space !== 16 || createHash('sha256').update(json).digest('hex').slice(0, 16) !== sum) {
      throw corrupt(path, lineNo, 'checksum mismatch');
    }
    let entry: unknown;
    try {
      entry = JSON.parse(json);
    } catch {
      throw corrupt(path, lineNo, 'not JSON');
    }
    if (lineNo === 1) {
      const header = entry as { format?: string; version?: number };
      if (header.format !== HEADER.format || header.version !== HEADER.version) {
        throw corrupt(path, lineNo, 'not a kms-emulator journal (version 1) header');
      }
      return;
    }
    entries.push(entry);
  });
  if (lines.length === 0) throw corrupt(path, 1, 'missing header');
  return entries;
}

function fsyncDir(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Atomically replaces the journal with `entries` (temp file, fsync, rename, fsync dir). */
export function writeJournal(path: string, entries: unknown[]): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, [HEADER, ...entries].map(line).join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(path);
}

export class JournalWriter {
  private fd: number;
  /** Bytes appended since the journal was last rewritten. */
  appended = 0;

  constructor(private readonly path: string) {
    if (!existsSync(path)) writeJournal(path, []);
    this.fd = openSync(path, 'a', 0o600);
  }

  /** Appends entries as one write and fsyncs before returning: the caller may then acknowledge. */
  append(entries: unknown[]): void {
    this.appended += writeSync(this.fd, entries.map(line).join(''));
    fsyncSync(this.fd);
  }

  /** Replaces the journal with `entries` (atomically) and continues appending to the new file. */
  rewrite(entries: unknown[]): void {
    closeSync(this.fd);
    writeJournal(this.path, entries);
    this.fd = openSync(this.path, 'a', 0o600);
    this.appended = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
