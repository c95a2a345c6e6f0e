import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { AppError } from '../../errors';

/** One emulator per data directory: two writers appending to one journal would interleave their state. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new AppError(
          'EMULATOR_DATA_DIR_IN_USE',
          `The emulator data directory is in use by process ${pid} (${path}).`,
          'Stop that emulator first, or start this one with another --data-dir.',
        );
      }
      if (pid === process.pid) {
        throw new AppError(
          'EMULATOR_DATA_DIR_IN_USE',
          `This process already runs an emulator on this data directory (${path}).`,
          'Close the running emulator first, or use another data directory.',
        );
      }
      unlinkSync(path); // left behind by a process that died (kill -9): take it over
    }
  }
  throw new AppError('EMULATOR_DATA_DIR_IN_USE', `Could not lock ${path}.`, 'Try again.');
}
