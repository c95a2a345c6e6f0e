import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';

/** All the files or none: each created exclusively (never overwriting), fsync'd; on failure, ours are removed. */
export async function writeAllOrNone(folder: string, files: [string, Buffer][]): Promise<void> {
  const written: string[] = [];
  try {
    for (const [name, data] of files) {
      const handle = await open(path.join(folder, name), 'wx', 0o600).catch(
        (error: NodeJS.ErrnoException) => {
          throw new AppError(
            error.code === 'EEXIST' ? 'FILE_EXISTS' : 'WRITE_FAILED',
            error.code === 'EEXIST'
              ? `${name} already exists in ${folder}; nothing was overwritten.`
              : `Could not write ${name}: ${error.message}`,
            'Choose an empty folder.',
          );
        },
      );
      written.push(name);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  } catch (error) {
    await Promise.all(written.map((name) => rm(path.join(folder, name), { force: true })));
    throw error;
  }
}
