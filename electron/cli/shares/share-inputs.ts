import { basename } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../core/errors';
import { readPassphraseFile, readSecretFile, type Secret } from '../../core/crypto';
import type { Share } from '../../core/custody';

/**
 * The share inputs of `shares combine|verify`, in the order given:
 *   --sheet <file>                          a typed share sheet, or the text its QR code holds
 *   --age <file> --identity <file>          an age file and its custodian's identity (AGE-SECRET-KEY-1…)
 *   --age <file> --passphrase-file <file>   an age file and its custodian's passphrase
 * An --identity or --passphrase-file belongs to the --age just before it, so each custodian's unlock opens
 * only their own file. Every file is read into wiped buffers; the caller wipes the returned shares.
 */
export const SHARE_INPUT_OPTIONS = {
  sheet: { type: 'string', multiple: true },
  age: { type: 'string', multiple: true },
  identity: { type: 'string', multiple: true },
  'passphrase-file': { type: 'string', multiple: true },
} as const;

type Input =
  | { kind: 'sheet'; path: string }
  | { kind: 'age'; path: string; unlock?: { identity: string } | { passphrase: string } };

/** Pairs the share options in command-line order. Errors: USAGE (an unlock without its --age, or an --age without an unlock). */
export function shareInputs(args: string[], options: ParseArgsConfig['options'], usage: string): Input[] {
  let tokens;
  try {
    tokens = parseArgs({ args, options, strict: true, tokens: true }).tokens;
  } catch (error) {
    throw new AppError('USAGE', error instanceof Error ? error.message : String(error), usage);
  }
  const inputs: Input[] = [];
  for (const token of tokens as { kind: string; name?: string; value?: string }[]) {
    if (token.kind !== 'option' || typeof token.value !== 'string') continue;
    if (token.name === 'sheet') inputs.push({ kind: 'sheet', path: token.value });
    else if (token.name === 'age') inputs.push({ kind: 'age', path: token.value });
    else if (token.name === 'identity' || token.name === 'passphrase-file') {
      const last = inputs[inputs.length - 1];
      if (last?.kind !== 'age' || last.unlock) {
        throw new AppError(
          'USAGE',
          `--${token.name} ${token.value} does not follow an --age file.`,
          'Write each --identity or --passphrase-file right after the --age file it opens.',
        );
      }
      last.unlock = token.name === 'identity' ? { identity: token.value } : { passphrase: token.value };
    }
  }
  for (const input of inputs) {
    if (input.kind === 'age' && !input.unlock) {
      throw new AppError(
        'USAGE',
        `--age ${input.path} has no --identity or --passphrase-file after it.`,
        "Give the custodian's identity file or passphrase file right after their --age file.",
      );
    }
  }
  if (inputs.length === 0) throw new AppError('USAGE', 'No shares were given.', usage);
  return inputs;
}

/** Reads and opens every share input (sheets parsed, age files decrypted); wipes everything but the shares. */
export async function readShares(inputs: Input[]): Promise<Share[]> {
  const { decryptShare, parseShareText, readIdentityFile } = await import('../../core/custody');
  const shares: Share[] = [];
  try {
    for (const input of inputs) {
      const bytes = readSecretFile(input.path);
      try {
        if (input.kind === 'sheet') {
          shares.push(parseShareText(bytes, basename(input.path)));
          continue;
        }
        const unlock = input.unlock!;
        const secret: Secret =
          'identity' in unlock ? readIdentityFile(unlock.identity) : readPassphraseFile(unlock.passphrase);
        try {
          shares.push(
            await decryptShare(
              bytes,
              'identity' in unlock ? { identity: secret } : { passphrase: secret },
              basename(input.path),
            ),
          );
        } finally {
          secret.wipe();
        }
      } finally {
        bytes.fill(0);
      }
    }
    return shares;
  } catch (error) {
    for (const share of shares) share.bytes.wipe();
    throw error;
  }
}
