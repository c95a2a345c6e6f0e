/**
 * The transcript file as writer.ts uses it: opened for appending (created, and its folder fsync'd, when
 * new), each event written whole and fsync'd before it counts. Two ways to do the same thing, the same bytes
 * on disk:
 * - 'thread-pool' (the app): each call runs on Node's thread pool, so the main process keeps serving its
 *   windows while a slow disk (a USB stick on an air-gapped laptop) syncs;
 * - 'blocking' (the CLI): each call blocks the calling thread. A CLI process has nothing else to do while its
 *   step waits for the event to be on disk, and an event then costs no thread-pool round trips (write, then
 *   fsync: two per event, each a hand-over to another thread and back): ~6 % of a scripted ceremony's wall
 *   time on our 2-core machines, where the other core is busy with the record worker and the emulator.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, promises as fs, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { syncDir, syncDirBlocking } from './station-key';

/**
 * How a station's transcript and station key are read and written (this file; loadOrCreateStationKey in
 * station-key.ts): 'thread-pool' (fs.promises; the app) or 'blocking' (the synchronous calls;
 * `kms-ceremony run`), for the reasons above. Not the ceremony record: record/write-record.ts says why.
 */
export type FileIo = 'thread-pool' | 'blocking';

export interface AppendFile {
  /** Writes all of `bytes` at the end of the file, then fsyncs it. */
  append(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** The file's bytes, or null when it does not exist. Errors: as fs.readFile, except ENOENT. */
export async function readIfExists(file: string, io: FileIo): Promise<Buffer | null> {
  try {
    return io === 'blocking' ? readFileSync(file) : await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Opens `file` for appending (mode 0644 when created), creating its folder; `created`: fsync the folder
 * too, so the new file's name survives a crash (POSIX; Windows has no folder fsync).
 */
export async function openAppendFile(file: string, io: FileIo, created: boolean): Promise<AppendFile> {
  const dir = path.dirname(file);
  if (io === 'blocking') {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(file, 'a', 0o644);
    if (created) syncDirBlocking(dir);
    // A second close does nothing, as FileHandle's: by then the fd number may belong to another file.
    let open = true;
    return {
      append: async (bytes) => {
        for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
        fsyncSync(fd);
      },
      close: async () => {
        if (open) closeSync(fd);
        open = false;
      },
    };
  }
  await fs.mkdir(dir, { recursive: true });
  const handle = await fs.open(file, 'a', 0o644);
  if (created) await syncDir(dir);
  return {
    append: async (bytes) => {
      for (let at = 0; at < bytes.length;) {
        at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
      }
      await handle.sync();
    },
    close: () => handle.close(),
  };
}
