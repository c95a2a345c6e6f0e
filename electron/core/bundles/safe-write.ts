import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { syncDir } from '../transcript/station-key';

export type BundleFiles = Record<string, Uint8Array>;
export type BundleContainer = 'folder' | 'zip';

/**
 * Writes a bundle as a new folder (which must not exist, or be empty) or a new .zip file. Never overwrites:
 * every file is created with O_EXCL and fsync'd, then the folder entry. On failure nothing half-written
 * is left behind.
 */
export async function writeBundle(
  target: string,
  files: BundleFiles,
  as: BundleContainer,
  mtime: Date,
): Promise<string[]> {
  if (as === 'zip') {
    if (!target.toLowerCase().endsWith('.zip')) {
      throw new AppError(
        'USAGE',
        `A zip bundle needs a file name ending in .zip, not "${path.basename(target)}".`,
        'Choose a name like parameters-<ceremony>.zip.',
      );
    }
    // fflate is imported only here and in bundle-files.ts: initialising it costs every command that loads
    // this module (the scripted ceremony writes its record with writeNewFile) ~5 ms, and most write no zip.
    const { zipSync } = await import('fflate');
    const zip = zipSync(
      Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime }]])),
    );
    await fs.mkdir(path.dirname(target), { recursive: true });
    await writeNewFile(target, zip);
    return [target];
  }
  await createEmptyDir(target);
  const written: string[] = [];
  try {
    for (const [name, data] of Object.entries(files)) {
      const file = path.join(target, name);
      await writeNewFile(file, data);
      written.push(file);
    }
    await syncDir(target);
  } catch (error) {
    await Promise.all(written.map((f) => fs.rm(f, { force: true })));
    throw error;
  }
  return written;
}

/** Why a new file cannot be created, in words (errno → sentence). */
const UNWRITABLE: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'part of its path is a file, not a folder',
  EISDIR: 'it names a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
};

export async function writeNewFile(file: string, data: Uint8Array, mode = 0o644): Promise<void> {
  let handle;
  try {
    handle = await fs.open(file, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AppError(
        'FILE_EXISTS',
        `${file} already exists; it was not overwritten.`,
        'Choose another name or folder, or move the existing file away first.',
      );
    }
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (UNWRITABLE[code]) {
      throw new AppError(
        'CANNOT_WRITE',
        `${file} cannot be written: ${UNWRITABLE[code]} (${code}).`,
        'Choose a file name in a folder that exists and that you may write to.',
      );
    }
    throw error;
  }
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(file, { force: true });
    throw error;
  }
  await handle.close();
  await syncDir(path.dirname(file));
}

async function createEmptyDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      await fs.mkdir(dir, { recursive: true });
      return;
    }
    if (code !== 'EEXIST') throw error;
    const stat = await fs.stat(dir);
    if (!stat.isDirectory() || (await fs.readdir(dir)).length > 0) {
      throw new AppError(
        'FILE_EXISTS',
        `${dir} already exists and is not an empty folder; nothing was overwritten.`,
        'Choose a new folder name (each bundle gets its own folder).',
      );
    }
  }
}
