import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalWriter, readJournal } from '../../../../electron/core/emulator/store/journal';
import { AppError } from '../../../../electron/core/errors';

/** The fsync'd journal: torn (unacknowledged) tails are dropped; any other damage is a clear error. */
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
    const writer = new JournalWriter(path);
    writer.append([{ n: 1 }, { n: 2 }]);
    writer.append([{ n: 3 }]);
    writer.close();
    expect(readJournal(path)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('drops a torn last line (a write cut by a crash before it was acknowledged)', () => {
    const path = journal();
    const writer = new JournalWriter(path);
    writer.append([{ n: 1 }]);
    writer.close();
    appendFileSync(path, '0123456789abcdef {"n":');
    expect(readJournal(path)).toEqual([{ n: 1 }]);
  });

  it('reports a damaged line with its number instead of resetting', () => {
    const path = journal();
    const writer = new JournalWriter(path);
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
    expect((error as AppError).message).toBe(
      `The emulator store ${path} is corrupt at line 2: checksum mismatch.`,
    );
  });
});

describe('journal rewrite', () => {
  it('replaces the contents atomically and keeps appending afterwards', () => {
    const path = journal();
    const writer = new JournalWriter(path);
    writer.append([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(writer.appended).toBeGreaterThan(0);
    writer.rewrite([{ n: 3 }]);
    expect(writer.appended).toBe(0);
    writer.append([{ n: 4 }]);
    writer.close();
    expect(readJournal(path)).toEqual([{ n: 3 }, { n: 4 }]);
  });
});
