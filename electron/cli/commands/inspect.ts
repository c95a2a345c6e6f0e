import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import {
  CONTAINER_NAMES,
  identifyContainer,
  IMPORTABLE_KEY_SPECS,
  loadKeyMaterial,
  parseWrappingPublicKey,
} from '../../core/crypto';
import { AppError } from '../../core/errors';
import type { Command } from '../command';
import { parseCommandArgs, readSecretFile } from '../crypto-cli';
import { formatHash } from '../../shared/display/hash-format';

const usage = `Usage: kms-ceremony inspect <file>

Describes a file without printing its contents: size, SHA-256, format, and what it looks like (which KeySpecs
it is valid material for, a wrapping public key, an EncryptedKeyMaterial blob, ...).`;

const RSA_SIZES = [256, 384, 512];

export const inspectCommand: Command = {
  name: 'inspect',
  usage,
  async run(args, io) {
    const { positionals } = parseCommandArgs(args, {}, usage, true);
    const [path, ...extra] = positionals;
    if (!path || extra.length) throw new AppError('USAGE', 'inspect takes exactly one file.', usage);
    const bytes = readSecretFile(path);
    try {
      const lines = [
        `file     ${basename(path)}`,
        `size     ${bytes.length} bytes`,
        `digest   ${formatHash(createHash('sha256').update(bytes).digest('hex'))}`,
        `format   ${describeFormat(bytes)}`,
      ];
      for (const guess of await looksLike(bytes)) lines.push(`looks like  ${guess}`);
      io.stdout(lines.join('\n'));
      return 0;
    } finally {
      bytes.fill(0);
    }
  },
};

function describeFormat(bytes: Buffer): string {
  const pemLabel = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(bytes.subarray(0, 4096).toString('latin1'));
  if (pemLabel) return `PEM (${pemLabel[1]})`;
  const container = identifyContainer(bytes);
  if (container.kind !== 'not-der') return CONTAINER_NAMES[container.kind];
  const text = bytes.every((c) => c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c < 0x7f));
  return text ? 'text' : 'binary (not DER)';
}

async function looksLike(bytes: Buffer): Promise<string[]> {
  const guesses: string[] = [];
  const fits: string[] = [];
  let needsPassphrase = false;
  for (const keySpec of IMPORTABLE_KEY_SPECS) {
    try {
      const loaded = await loadKeyMaterial(bytes, { keySpec });
      loaded.material.wipe();
      fits.push(
        `${keySpec} (${loaded.formatFound}${loaded.notes.length ? ', needs conversion to PKCS#8' : ''})`,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'PASSPHRASE_REQUIRED') needsPassphrase = true;
    }
  }
  if (fits.length) guesses.push(`valid key material for ${fits.join(', ')}`);
  if (needsPassphrase)
    guesses.push('an encrypted private key or PKCS#12 file (give --passphrase-file to kcv or wrap)');
  try {
    const pub = parseWrappingPublicKey(bytes);
    guesses.push(
      `a KMS wrapping public key: ${pub.wrappingKeySpec} (${pub.formatFound}), SPKI ${formatHash(pub.sha256Hex)}`,
    );
  } catch {
    // not a wrapping public key
  }
  const container = identifyContainer(bytes);
  if (container.kind === 'not-der' && fits.length === 0) {
    const k = RSA_SIZES.find((size) => bytes.length === size);
    if (k) guesses.push(`EncryptedKeyMaterial from RSAES_OAEP_* under an RSA_${k * 8} wrapping key`);
    for (const size of RSA_SIZES) {
      if (bytes.length >= size + 16 && (bytes.length - size) % 8 === 0) {
        guesses.push(
          `EncryptedKeyMaterial from RSA_AES_KEY_WRAP_* under an RSA_${size * 8} wrapping key (${bytes.length - size - 8} or fewer bytes of material)`,
        );
      }
    }
  }
  if (guesses.length === 0) guesses.push('nothing this tool recognises');
  return guesses;
}
