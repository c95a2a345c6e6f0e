/**
 * From a script and the run flags to what the run will do: the mode (one go, stop at the air gap, wrap
 * offline, resume from the wrapped bundle), the fields that mode needs, the wrapping combination (the
 * compatibility table's recommendation unless the script names one) and the import's expiration.
 */
import {
  checkImportCompatibility,
  COMPATIBILITY_TABLE,
  defaultWrapping,
  type KeySpec,
  type WrappingAlgorithm,
  type WrappingKeySpec,
} from '../crypto';
import { checkValidTo } from '../ceremony/expiration';
import { AppError } from '../errors';
import type { CeremonyScript } from './schema';

export type RunMode = 'one-go' | 'until-parameters' | 'offline-wrap' | 'from-wrapped-bundle';

export interface RunFlags {
  until?: 'parameters' | null;
  fromWrappedBundle?: string | null;
}

type Need = 'required' | 'ignored';

/** Which station runs each mode, and which script fields it reads. */
export const MODES: Record<
  RunMode,
  { station: 'online' | 'offline'; material: Need; expiration: Need; summary: string }
> = {
  'one-go': {
    station: 'online',
    material: 'required',
    expiration: 'required',
    summary: 'connect, key, parameters, material, wrap, import, verify, record',
  },
  'until-parameters': {
    station: 'online',
    material: 'ignored',
    expiration: 'ignored',
    summary: 'connect, key, parameters; write the parameters bundle and stop at the air gap',
  },
  'offline-wrap': {
    station: 'offline',
    material: 'required',
    expiration: 'ignored',
    summary: 'read the parameters bundle, material, wrap; write the wrapped bundle',
  },
  'from-wrapped-bundle': {
    station: 'online',
    material: 'ignored',
    expiration: 'required',
    summary: 'resume the open ceremony, read the wrapped bundle, import, verify, record',
  },
};

const USAGE_HINT =
  'Online: `run online.yaml`, `run online.yaml --until parameters`, `run online.yaml --from wrapped-bundle <dir>`; offline: `run offline.yaml`.';

export function runMode(script: CeremonyScript, flags: RunFlags): RunMode {
  if (flags.until && flags.fromWrappedBundle) {
    throw new AppError(
      'USAGE',
      '--until parameters and --from wrapped-bundle are two halves of a ceremony; give one.',
      USAGE_HINT,
    );
  }
  if (script.station === 'offline') {
    if (flags.until || flags.fromWrappedBundle) {
      throw new AppError(
        'USAGE',
        `--${flags.until ? 'until' : 'from'} is for the online station, but this script says station: offline.`,
        USAGE_HINT,
      );
    }
    return 'offline-wrap';
  }
  if (flags.until) return 'until-parameters';
  if (flags.fromWrappedBundle) return 'from-wrapped-bundle';
  return 'one-go';
}

/** The fields this mode needs that the script lacks, and notes on the ones it will not use. */
export function checkFieldsForMode(script: CeremonyScript, mode: RunMode): { notes: string[] } {
  const needs = MODES[mode];
  const missing: string[] = [];
  const notes: string[] = [];
  const examples = {
    material: 'material: { generate: true } or material: { file: ./key.bin }',
    expiration: 'expiration: { validForDays: 90 }',
  };
  for (const field of ['material', 'expiration'] as const) {
    const present = script[field] !== undefined;
    if (needs[field] === 'required' && !present)
      missing.push(`  - ${field}: missing; write ${examples[field]}`);
    if (needs[field] === 'ignored' && present)
      notes.push(`${field}: not used by this half of the ceremony (the other half reads it).`);
  }
  // Issue 11: a backup is made of the material this run takes, so only where it takes material.
  if (script.backup !== undefined && needs.material === 'ignored')
    notes.push(
      'backup: not used by this half of the ceremony (the station that takes the material makes it).',
    );
  // One go confirms the fingerprint here before wrapping; only the online halves of an air gap do not.
  if (script.fingerprint && (mode === 'until-parameters' || mode === 'from-wrapped-bundle')) {
    notes.push('fingerprint: used by the offline station only (it confirms the words this station prints).');
  }
  if (mode === 'from-wrapped-bundle' && script.key) {
    notes.push('key: the key comes from the parameters saved by --until parameters.');
  }
  if (missing.length > 0) {
    throw new AppError(
      'SCRIPT_INVALID',
      `This script cannot run ${modeName(mode)}:\n${missing.join('\n')}`,
      'Add the fields named above (see electron/core/ceremony-script/README.md).',
    );
  }
  return { notes };
}

export function modeName(mode: RunMode): string {
  return {
    'one-go': 'the whole ceremony in one go',
    'until-parameters': 'until the parameters bundle (--until parameters)',
    'offline-wrap': 'the offline wrap',
    'from-wrapped-bundle': 'from the wrapped bundle (--from wrapped-bundle)',
  }[mode];
}

export interface Wrapping {
  wrappingAlgorithm: WrappingAlgorithm;
  wrappingKeySpec: WrappingKeySpec;
  /** True when the script left it to the compatibility table's recommendation. */
  recommended: boolean;
}

/** The script's wrapping (or the recommendation, field by field), refused when KMS would refuse it. */
export function resolveWrapping(keySpec: KeySpec, wanted: CeremonyScript['wrapping']): Wrapping {
  const fallback = defaultWrapping(keySpec);
  const wrappingAlgorithm =
    (wanted?.algorithm as WrappingAlgorithm | undefined) ?? fallback.wrappingAlgorithm;
  const wrappingKeySpec = (wanted?.keySpec as WrappingKeySpec | undefined) ?? fallback.wrappingKeySpec;
  const verdict = checkImportCompatibility(keySpec, wrappingAlgorithm, wrappingKeySpec);
  if (!verdict.allowed) {
    const allowed = Object.entries(COMPATIBILITY_TABLE[keySpec]).flatMap(([alg, specs]) =>
      Object.entries(specs)
        .filter(([, c]) => c.allowed)
        .map(([spec]) => `${alg}/${spec}`),
    );
    throw new AppError(
      'INCOMPATIBLE',
      `wrapping: ${wrappingAlgorithm} with ${wrappingKeySpec} cannot import ${keySpec} material: ${verdict.reason}`,
      `Write wrapping: { algorithm: ${fallback.wrappingAlgorithm}, keySpec: ${fallback.wrappingKeySpec} } (recommended), or remove wrapping:. Allowed for ${keySpec}: ${allowed.join(', ')}.`,
    );
  }
  return { wrappingAlgorithm, wrappingKeySpec, recommended: !wanted?.algorithm && !wanted?.keySpec };
}

export type ImportExpiration =
  | { expirationModel: 'KEY_MATERIAL_EXPIRES'; validTo: string }
  | { expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE'; justification: string };

const DAY_MS = 86_400_000;

/** The ImportKeyMaterial expiration at `now` (the KMS clock), checked against the 365-day window. */
export function resolveExpiration(
  expiration: NonNullable<CeremonyScript['expiration']>,
  now: Date,
): ImportExpiration {
  if (expiration.doesNotExpire) {
    return {
      expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      justification: expiration.doesNotExpire.justification,
    };
  }
  const validTo =
    expiration.validForDays !== undefined
      ? new Date(now.getTime() + expiration.validForDays * DAY_MS)
      : new Date(expiration.validTo!);
  try {
    checkValidTo(validTo, now);
  } catch (error) {
    const e = error as AppError;
    throw new AppError(
      e.code,
      `expiration: ${e.message}`,
      'Write expiration: { validForDays: 90 } (counted from the import), a validTo within the next 365 days, or doesNotExpire: { justification: ... }.',
    );
  }
  return { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: validTo.toISOString() };
}

/** Offline: the parameters decide the wrapping; a script that names another one is refused, not ignored. */
export function checkWrappingMatches(wanted: CeremonyScript['wrapping'], algorithm: string, keySpec: string) {
  if (
    (wanted?.algorithm && wanted.algorithm !== algorithm) ||
    (wanted?.keySpec && wanted.keySpec !== keySpec)
  ) {
    throw new AppError(
      'WRAPPING_MISMATCH',
      `wrapping: the script asks for ${wanted.algorithm ?? algorithm}/${wanted.keySpec ?? keySpec}, but the parameters were fetched for ${algorithm}/${keySpec}.`,
      `Remove wrapping: from the offline script (the bundle decides), or write wrapping: { algorithm: ${algorithm}, keySpec: ${keySpec} }.`,
    );
  }
}
