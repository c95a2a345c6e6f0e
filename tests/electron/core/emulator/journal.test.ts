import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalWriter, readJournal } from '../../../../electron/core/emulator/store/journal';
import { AppError } from '../../../../electron/core/errors';

/** The fsync'd journal: every record checksummed; nothing is dropped or repaired; damage is a clear error. */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function journal(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kms-journal-'));
  dirs.push(dir);
  return join(dir, 'j.journal');
}

describe('journal', () => {
  it('reads back what was appended, in order', () => {
    const path = journal();
    const writer = new JournalWriter(path, 'c'.repeat(32));
    writer.append([{ n: 1 }, { n: 2 }]);
    writer.append([{ n: 3 }]);
    writer.close();
    expect(readJournal(path).entries).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('refuses a torn last write (no line end, bad checksum), naming the offset and how to remove it', () => {
    const path = journal();
    const writer = new JournalWriter(path, 'c'.repeat(32));
    writer.append([{ n: 1 }]);
    writer.close();
    const size = readFileSync(path).length;
    appendFileSync(path, '0123456789abcdef {"n":');
    expect(() => readJournal(path)).toThrow(
      `The emulator store ${path} is corrupt at line 3 (byte offset ${size}): the last record (22 bytes) has no line end and fails its checksum.`,
    );
    expect(() => readJournal(path)).toThrow(
      expect.objectContaining({ hint: expect.stringContaining(`truncate -s ${size} ${path}`) }),
    );
  });

  it('keeps a last record whose checksum holds but whose newline is missing', () => {
    const path = journal();
    const writer = new JournalWriter(path, 'c'.repeat(32));
    writer.append([{ n: 1 }, { n: 2 }]);
    writer.close();
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, -1));
    expect(readJournal(path).entries).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('records the master key check value in its header', () => {
    const path = journal();
    new JournalWriter(path, 'c'.repeat(32)).close();
    expect(readJournal(path).header).toEqual({
      format: 'kms-emulator-journal',
      version: 1,
      masterKeyCheck: 'c'.repeat(32),
    });
  });

  it('reports a damaged line with its number instead of resetting', () => {
    const path = journal();
    const writer = new JournalWriter(path, 'c'.repeat(32));
    writer.append([{ n: 1 }, { n: 2 }]);
    writer.close();
    writeFileSync(path, readFileSync(path, 'utf8').replace('{"n":1}', '{"n":7}'));
    const error = (() => {
      try {
        readJournal(path);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toEqual(
      expect.stringMatching(
        /^The emulator store .* is corrupt at line 2 \(byte offset \d+\): checksum mismatch\.$/,
      ),
    );
  });
});

describe('journal rewrite', () => {
  it('replaces the contents atomically and keeps appending afterwards', () => {
    const path = journal();
    const writer = new JournalWriter(path, 'c'.repeat(32));
    writer.append([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(writer.appended).toBeGreaterThan(0);
    writer.rewrite([{ n: 3 }]);
    expect(writer.appended).toBe(0);
    writer.append([{ n: 4 }]);
    writer.close();
    expect(readJournal(path).entries).toEqual([{ n: 3 }, { n: 4 }]);
  });
});
