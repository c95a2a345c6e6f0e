import type { CliIo } from './command';
import { commands } from './commands/index';
import { defaultIo, execute } from './execute';

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
  return execute(entry.load, rest, io);
}
