import { promises as fs, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openAppendFile, readIfExists, type FileIo } from '../../../../electron/core/transcript/append-file';
import { tempDir } from './fixtures';

afterEach(() => vi.restoreAllMocks());

describe.each<FileIo>(['thread-pool', 'blocking'])('append file (%s)', (io) => {
  it('creates the file and its folder, then appends each write whole, after what is there', async () => {
    const file = path.join(tempDir(), 'new', 'folder', 't.jsonl');
    expect(await readIfExists(file, io)).toBeNull();
    const out = await openAppendFile(file, io, true);
    await out.append(Buffer.from('one\n'));
    await out.append(Buffer.alloc(70_000, 0x61)); // more than one write of a pipe or a small buffer
    await out.close();
    const again = await openAppendFile(file, io, false);
    await again.append(Buffer.from('two\n'));
    await again.close();
    await again.close(); // a second close does nothing (in 'blocking', the fd may be another file's by now)
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(4 + 70_000 + 4);
    expect(bytes.subarray(0, 4).toString()).toBe('one\n');
    expect(bytes.subarray(-4).toString()).toBe('two\n');
    expect((await readIfExists(file, io))?.equals(bytes)).toBe(true);
  });

  it('passes on errors other than a missing file', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'a-folder'));
    await expect(readIfExists(path.join(dir, 'a-folder'), io)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('blocking io', () => {
  it('never hands the file to the thread pool (fs.promises)', async () => {
    const open = vi.spyOn(fs, 'open');
    const readFile = vi.spyOn(fs, 'readFile');
    const file = path.join(tempDir(), 't.jsonl');
    await readIfExists(file, 'blocking');
    const out = await openAppendFile(file, 'blocking', true);
    await out.append(Buffer.from('x\n'));
    await out.close();
    expect(open).not.toHaveBeenCalled();
    expect(readFile).not.toHaveBeenCalled();
  });
});
