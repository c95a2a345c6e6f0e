import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { AppError } from '../../errors';

/**
 * An fsync'd append-only journal of JSON entries, one line each: `<16-hex sha256 prefix> <json>\n`, the
 * checksum over the JSON's UTF-8 bytes. Line 1 is a header (format, version, and the master key's check
 * value, which ties the journal to its key). An append is acknowledged only after fsync, so nothing
 * acknowledged is lost on kill -9. Reading never drops or repairs anything: a last record whose checksum
 * holds but whose newline is missing is kept (its content is whole); any line whose checksum fails, a torn
 * last write included, stops the emulator with an error naming the file, line and byte offset.
 */
const HEADER = { format: 'kms-emulator-journal', version: 1 } as const;

export interface JournalHeader {
  format: typeof HEADER.format;
  version: typeof HEADER.version;
  /** master-key.ts `masterKeyCheckValue`; absent in journals written before it was recorded. */
  masterKeyCheck?: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const checksum = (json: Uint8Array) => createHash('sha256').update(json).digest('hex').slice(0, 16);

function line(entry: unknown): string {
  const json = JSON.stringify(entry);
  return `${checksum(Buffer.from(json, 'utf8'))} ${json}\n`;
}

function corrupt(path: string, lineNo: number, offset: number, what: string, hint?: string): AppError {
  return new AppError(
    'EMULATOR_STORE_CORRUPT',
    `The emulator store ${path} is corrupt at line ${lineNo} (byte offset ${offset}): ${what}.`,
    hint ??
      'Nothing was changed. Restore the data directory from a backup, or start the emulator with a new --data-dir; ' +
        'the emulator never resets a damaged store by itself.',
  );
}

/** Reads the header and every entry. Throws AppError('EMULATOR_STORE_CORRUPT') on any damage. */
export function readJournal(path: string): { header: JournalHeader; entries: unknown[] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new AppError(
      'EMULATOR_STORE_UNREADABLE',
      `The emulator store ${path} cannot be read: ${(error as Error).message}.`,
      'Check the file permissions of the data directory; nothing was changed.',
    );
  }
  let header: JournalHeader | null = null;
  const entries: unknown[] = [];
  let lineNo = 0;
  for (let offset = 0; offset < bytes.length;) {
    lineNo++;
    const newline = bytes.indexOf(0x0a, offset);
    const end = newline < 0 ? bytes.length : newline;
    const raw = bytes.subarray(offset, end);
    const json = raw.subarray(17);
    if (raw[16] !== 0x20 || raw.subarray(0, 16).toString('latin1') !== checksum(json)) {
      throw newline < 0
        ? corrupt(
            path,
            lineNo,
            offset,
            `the last record (${raw.length} bytes) has no line end and fails its checksum`,
            'Nothing was changed. If the emulator was killed while writing, that record was never acknowledged: ' +
              `keep a copy of the file, then \`truncate -s ${offset} ${path}\` removes it. Otherwise restore the ` +
              'data directory from a backup, or start with a new --data-dir.',
          )
        : corrupt(path, lineNo, offset, 'checksum mismatch');
    }
    let entry: unknown;
    try {
      entry = JSON.parse(UTF8.decode(json));
    } catch {
      throw corrupt(path, lineNo, offset, 'not JSON');
    }
    if (lineNo === 1) {
      const h = entry as Partial<JournalHeader>;
      if (h.format !== HEADER.format || h.version !== HEADER.version) {
        throw corrupt(path, lineNo, offset, 'not a kms-emulator journal (version 1) header');
      }
      header = h as JournalHeader;
    } else {
      entries.push(entry);
    }
    offset = end + 1;
  }
  if (!header) throw corrupt(path, 1, 0, 'missing header');
  return { header, entries };
}

/** Makes the creation, renaming or deletion of files in folder `dir` durable (fsync of the folder). */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Atomically replaces the journal with `entries` (temp file, fsync, rename, fsync dir). */
export function writeJournal(path: string, entries: unknown[], masterKeyCheck: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, [{ ...HEADER, masterKeyCheck }, ...entries].map(line).join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
}

export class JournalWriter {
  private fd: number;
  /** Bytes appended since the journal was last rewritten. */
  appended = 0;

  constructor(
    private readonly path: string,
    private readonly masterKeyCheck: string,
  ) {
    if (!existsSync(path)) writeJournal(path, [], masterKeyCheck);
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
    writeJournal(this.path, entries, this.masterKeyCheck);
    this.fd = openSync(this.path, 'a', 0o600);
    this.appended = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
