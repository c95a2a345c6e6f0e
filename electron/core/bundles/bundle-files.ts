import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

export interface LoadedFiles {
  container: 'folder' | 'zip' | 'file' | 'bytes';
  /** Base name of what was opened (folder, zip or file name), e.g. "Import_Parameters_<key id>_<time>.zip". */
  origin: string;
  /** Files by base name; folders inside a zip (e.g. the one an OS adds when re-zipping) are flattened. */
  files: Map<string, Buffer>;
}

const MAX_FILE = 16 * 1024 * 1024;

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Opens a folder, a zip file, zip bytes, or a single file (returned as one entry under its own name). */
export async function loadFiles(input: string | Uint8Array): Promise<LoadedFiles> {
  if (typeof input !== 'string') {
    const bytes = Buffer.from(input);
    return isZip(bytes)
      ? { container: 'zip', origin: '(zip)', files: await unzipFiles(bytes, '(zip)') }
      : { container: 'bytes', origin: '(bytes)', files: new Map([['(bytes)', bytes]]) };
  }
  const origin = path.basename(input);
  let stat;
  try {
    stat = await fs.stat(input);
  } catch {
    throw new AppError(
      'NOT_FOUND',
      `${input} does not exist.`,
      'Check the removable drive is mounted and pick the bundle again.',
    );
  }
  if (stat.isDirectory()) {
    const files = new Map<string, Buffer>();
    for (const entry of await fs.readdir(input, { withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      const file = path.join(input, entry.name);
      if ((await fs.stat(file)).size > MAX_FILE) continue;
      files.set(entry.name, await fs.readFile(file));
    }
    return { container: 'folder', origin, files };
  }
  if (stat.size > MAX_FILE) {
    throw new AppError(
      'BAD_FILE',
      `${input} is ${stat.size} bytes; bundles are a few kilobytes.`,
      'Pick the bundle folder or zip itself.',
    );
  }
  const bytes = await fs.readFile(input);
  if (isZip(bytes)) return { container: 'zip', origin, files: await unzipFiles(bytes, origin) };
  return { container: 'file', origin, files: new Map([[origin, bytes]]) };
}

/** fflate is imported on first use (see safe-write.ts's writeBundle). */
async function unzipFiles(bytes: Uint8Array, origin: string): Promise<Map<string, Buffer>> {
  const { unzipSync } = await import('fflate');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.originalSize <= MAX_FILE });
  } catch (error) {
    throw new AppError(
      'BAD_FILE',
      `${origin} is not a readable zip file (${(error as Error).message}).`,
      'Copy the zip again from the source station.',
    );
  }
  const files = new Map<string, Buffer>();
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue;
    const base = name.split('/').pop() as string;
    if (base.startsWith('.')) continue;
    if (files.has(base)) {
      throw new AppError(
        'BAD_FILE',
        `${origin} contains two files named ${base}.`,
        'Use the zip exactly as it was downloaded or written.',
      );
    }
    files.set(base, Buffer.from(data));
  }
  return files;
}
