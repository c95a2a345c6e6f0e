import { AppError } from '../../core/errors';
import type { Command } from '../command';
import { SHARES_USAGE } from '../shares/usage';

/**
 * `kms-ceremony shares split|combine|verify`: the M-of-N backup of issue 11 on the command line. The
 * sub-commands live in ../shares/ and are imported only when run (they pull in age, pdfkit and qrcode);
 * their usage texts are plain strings in ../shares/usage.ts so `--help` shows all three without loading them.
 */
const usage = SHARES_USAGE;

const SUBCOMMANDS = {
  split: async () => (await import('../shares/split')).runSplit,
  combine: async () => (await import('../shares/combine')).runCombine,
  verify: async () => (await import('../shares/verify')).runVerify,
} as const;

export const sharesCommand: Command = {
  name: 'shares',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    const load =
      sub && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub as keyof typeof SUBCOMMANDS] : undefined;
    if (!load)
      throw new AppError(
        'USAGE',
        sub ? `Unknown shares command "${sub}".` : 'Missing the shares command.',
        usage,
      );
    return (await load())(rest, io);
  },
};
