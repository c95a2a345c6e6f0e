import type { Command } from '../command';

/** Every sub-command, in the order `kms-ceremony help` lists them. Add one line per command file. */
export const commands: Command[] = [];
