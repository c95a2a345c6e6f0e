import { toErrorShape } from '../core/errors';
import type { CliIo } from './command';
import { commands } from './commands/index';

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

function usage(): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`);
  return [
    'Usage: kms-ceremony <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `kms-ceremony <command> --help` for its options.',
  ].join('\n');
}

/** Entry point of the `kms-ceremony` CLI; returns the exit code (0 ok, 1 failure, 2 usage error). */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(command.usage);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    const shape = toErrorShape(error);
    io.stderr(`error: ${shape.message}${shape.hint ? `\nhint: ${shape.hint}` : ''}`);
    return shape.code === 'USAGE' ? 2 : 1;
  }
}
