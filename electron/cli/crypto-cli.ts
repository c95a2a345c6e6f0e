import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../core/errors';
import {
  isKeySpec,
  loadKeyMaterial,
  isWrappingAlgorithm,
  KEY_SPECS,
  MATERIAL_FORMATS,
  readPassphraseFile,
  readSecretFile,
  WRAPPING_ALGORITHMS,
  type KeySpec,
  type LoadedMaterial,
  type MaterialFormat,
  type WrappingAlgorithm,
} from '../core/crypto';

/**
 * Shared plumbing of the crypto sub-commands (wrap, generate, kcv, inspect): argument parsing that turns every
 * mistake into a USAGE error, reading files that may hold secrets into non-pooled buffers, and writing outputs
 * without ever overwriting.
 */
type Options = NonNullable<ParseArgsConfig['options']>;

export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export function parseCommandArgs(
  args: string[],
  options: Options,
  usage: string,
  positionals = false,
): { values: ParsedValues; positionals: string[] } {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new AppError('USAGE', error instanceof Error ? error.message : String(error), usage);
  }
}

export function required(value: unknown, flag: string, usage: string): string {
  if (typeof value !== 'string' || value === '') throw new AppError('USAGE', `Missing --${flag}.`, usage);
  return value;
}

export function keySpecArg(value: unknown, usage: string): KeySpec {
  const spec = required(value, 'key-spec', usage);
  if (!isKeySpec(spec))
    throw new AppError('USAGE', `Unknown --key-spec "${spec}".`, `One of: ${KEY_SPECS.join(', ')}.`);
  return spec;
}

export function algorithmArg(value: unknown, usage: string): WrappingAlgorithm {
  const alg = required(value, 'algorithm', usage);
  if (!isWrappingAlgorithm(alg)) {
    throw new AppError(
      'USAGE',
      `Unknown --algorithm "${alg}".`,
      `One of: ${WRAPPING_ALGORITHMS.join(', ')}.`,
    );
  }
  return alg;
}

export function materialFormatArg(value: unknown): MaterialFormat {
  const format = (value ?? 'auto') as string;
  if (!(MATERIAL_FORMATS as readonly string[]).includes(format)) {
    throw new AppError(
      'USAGE',
      `Unknown --material-format "${format}".`,
      `One of: ${MATERIAL_FORMATS.join(', ')}.`,
    );
  }
  return format as MaterialFormat;
}

/**
 * Reads a file into a Buffer.alloc'd buffer (fs.readFileSync may hand back a slice of the shared pool, which
 * wiping cannot clean). The caller wipes it.
 */
export function refuseExisting(path: string): void {
  if (existsSync(path)) {
    throw new AppError(
      'FILE_EXISTS',
      `${path} already exists; it was not overwritten.`,
      'Choose another --out path or move the old file away.',
    );
  }
}

/** Creates `path` (never overwrites: O_EXCL). */
export function writeNewFile(path: string, data: Uint8Array, mode = 0o600): void {
  try {
    writeFileSync(path, data, { flag: 'wx', mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') refuseExisting(path);
    throw new AppError(
      'FILE',
      `Cannot write ${path} (${code ?? 'error'}).`,
      'Check the directory exists and is writable.',
    );
  }
}

/** The options every command that reads key material takes. */
export const MATERIAL_OPTIONS = {
  'key-spec': { type: 'string' },
  material: { type: 'string' },
  'material-format': { type: 'string' },
  'passphrase-file': { type: 'string' },
} as const;

/** Reads --material (with --material-format / --passphrase-file) for --key-spec; the caller wipes the material. */
export async function loadMaterialArgs(
  values: ParsedValues,
  usage: string,
): Promise<{ keySpec: KeySpec; loaded: LoadedMaterial }> {
  const keySpec = keySpecArg(values['key-spec'], usage);
  const format = materialFormatArg(values['material-format']);
  const path = required(values.material, 'material', usage);
  const passphraseFile = values['passphrase-file'];
  const passphraseNotes: string[] = [];
  const passphrase =
    typeof passphraseFile === 'string' ? readPassphraseFile(passphraseFile, passphraseNotes) : undefined;
  const input = readSecretFile(path);
  try {
    const loaded = await loadKeyMaterial(input, { keySpec, format, passphrase });
    loaded.notes.unshift(...passphraseNotes);
    return { keySpec, loaded };
  } finally {
    input.fill(0);
    passphrase?.wipe();
  }
}

export { readSecretFile };
