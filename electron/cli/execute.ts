/**
 * How `kms-ceremony <command>` runs one command, whichever entry started it (entry.ts through main.ts, or
 * run-entry.ts for `run`): its `--help`, its errors as message + hint, its exit code.
 */
import { toErrorShape } from '../core/errors';
import type { CliIo, Command } from './command';

export const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Loads the command and runs it with `args`; returns the exit code (0 ok, 1 failure, 2 usage error). */
export async function execute(load: () => Promise<Command>, args: string[], io: CliIo): Promise<number> {
  try {
    const command = await load();
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(command.usage);
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    const shape = toErrorShape(error);
    io.stderr(`error: ${shape.message}${shape.hint ? `\nhint: ${shape.hint}` : ''}`);
    return shape.code === 'USAGE' ? 2 : 1;
  }
}
