import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The Electron executable if one is installed, without triggering `electron`'s lazy download
 * (requiring the package would try to fetch the binary on machines that have no network).
 */
export function electronBinary(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const exe = path.join(override, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(exe) ? exe : null;
  }
  try {
    const pkgDir = path.dirname(require.resolve('electron/package.json'));
    const pathTxt = path.join(pkgDir, 'path.txt');
    if (!existsSync(pathTxt)) return null;
    const exe = path.join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

export const NO_ELECTRON_REASON =
  'skipped: no Electron binary (set ELECTRON_OVERRIDE_DIST_PATH or install with network access)';
