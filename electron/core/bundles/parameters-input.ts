import * as z from 'zod';
import { AppError } from '../errors';
import {
  parseWrappingPublicKey,
  type KeySpec,
  type WrappingAlgorithm,
  type WrappingKeySpec,
} from '../crypto';
import { publicKeyFingerprint, type PublicKeyFingerprint } from '../fingerprint';
import { loadFiles, type LoadedFiles } from './bundle-files';
import { readConsoleReadme } from './console-readme';
import { FILES, ParametersManifestSchema, parseManifestJson, type ParametersManifest } from './manifest';
import { digestOf } from './normalise';
import { normaliseInto, type NormalisedFileReport } from './file-report';

export type ParametersSource =
  'parameters-bundle' | 'console-download' | 'console-download-legacy' | 'cli-json' | 'public-key-file';

export interface RegionParametersInput {
  region: string;
  keyArn: string;
  publicKey: Buffer;
  publicKeySha256: string;
  fingerprint: PublicKeyFingerprint;
  importTokenSha256: string;
  parametersValidTo: string;
}

export interface ParametersInput {
  source: ParametersSource;
  container: LoadedFiles['container'];
  origin: string;
  /** SPKI DER of the wrapping public key. */
  publicKey: Buffer;
  publicKeySha256: string;
  wrappingKeySpec: WrappingKeySpec;
  fingerprint: PublicKeyFingerprint;
  keyArn: string | null;
  /** Key id from the console file names (when no ARN is known). */
  keyId: string | null;
  keySpec: KeySpec | null;
  wrappingAlgorithm: WrappingAlgorithm | null;
  parametersValidTo: string | null;
  importTokenSha256: string | null;
  ceremonyId: string | null;
  manifest: ParametersManifest | null;
  /** A multi-Region key's other Regions in our bundle (empty otherwise), each checked against manifest.json. */
  otherRegions: RegionParametersInput[];
  /** Every file read, with the normalisation applied to it (the UI shows these; the lead records them). */
  files: NormalisedFileReport[];
  /** Things the operator must confirm or know (README-derived fields, a token present on this station …). */
  warnings: string[];
}

/**
 * Offline station: reads import parameters from our parameters bundle (folder or zip), the AWS console's
 * download (Import_Parameters_*.zip, legacy ImportParameters.zip, or their unzipped files), the JSON printed
 * by `aws kms get-parameters-for-import`, or a lone public-key file (DER/PEM/base64/hex).
 */
export async function readParametersInput(input: string | Uint8Array): Promise<ParametersInput> {
  const loaded = await loadFiles(input);
  const { files } = loaded;
  const reports: NormalisedFileReport[] = [];
  const read = (name: string, expected: 'der' | 'binary' | 'text') =>
    normaliseInto(reports, name, files.get(name) as Buffer, { expected });
  const base = { container: loaded.container, origin: loaded.origin, files: reports };

  if (files.has(FILES.manifest) && files.has(FILES.publicKey)) {
    if (files.has(FILES.readme)) read(FILES.readme, 'text'); // for people only; listed with its fixes
    return fromOurBundle(read(FILES.manifest, 'text'), read(FILES.publicKey, 'der'), base, (name) => {
      if (!files.has(name)) {
        throw new AppError(
          'BAD_BUNDLE',
          `${loaded.origin} has no ${name}, which manifest.json names.`,
          'Copy the whole parameters bundle again from the online station.',
        );
      }
      return read(name, 'der');
    });
  }
  if (files.has(FILES.publicKey)) {
    const facts = files.has(FILES.readme)
      ? readConsoleReadme(read(FILES.readme, 'text').toString('utf8'))
      : null;
    const token = files.has(FILES.importToken) ? read(FILES.importToken, 'binary') : null;
    const keyId = /^Import_Parameters_([0-9a-fA-F-]{36}|mrk-[0-9a-f]{32})_/.exec(loaded.origin)?.[1] ?? null;
    return fromConsole('console-download', read(FILES.publicKey, 'der'), token, facts, keyId, base);
  }
  const legacyKey = [...files.keys()].find((n) => /^wrappingKey_/.test(n));
  if (legacyKey) {
    const legacyToken = [...files.keys()].find((n) => /^importToken_/.test(n));
    const legacyReadme = [...files.keys()].find((n) => /^README_.*\.txt$/i.test(n));
    const facts = legacyReadme ? readConsoleReadme(read(legacyReadme, 'text').toString('utf8')) : null;
    const keyId = /^wrappingKey_(.+)_\d{10}$/.exec(legacyKey)?.[1] ?? null;
    return fromConsole(
      'console-download-legacy',
      read(legacyKey, 'der'),
      legacyToken ? read(legacyToken, 'binary') : null,
      facts,
      keyId,
      base,
    );
  }
  if (files.size === 1) {
    const [name] = [...files.keys()] as [string];
    const text = read(name, 'text');
    if (/^\s*\{/.test(text.toString('utf8'))) return fromCliJson(text, name, base);
    reports.pop();
    return fromPublicKeyFile(read(name, 'der'), base);
  }
  throw new AppError(
    'UNKNOWN_PARAMETERS',
    `${loaded.origin} holds ${[...files.keys()].join(', ') || 'no files'}: neither a parameters bundle, an AWS console download nor CLI JSON.`,
    "Pick the parameters folder or zip written by the online station, the console's Import_Parameters_*.zip, or the JSON saved from `aws kms get-parameters-for-import`.",
  );
}

type Base = Pick<ParametersInput, 'container' | 'origin' | 'files'>;

function keyFacts(
  der: Buffer,
): Pick<ParametersInput, 'publicKey' | 'publicKeySha256' | 'wrappingKeySpec' | 'fingerprint'> {
  const key = parseWrappingPublicKey(der);
  return {
    publicKey: key.der,
    publicKeySha256: key.sha256Hex,
    wrappingKeySpec: key.wrappingKeySpec,
    fingerprint: publicKeyFingerprint(key.der),
  };
}

function fromOurBundle(
  manifestBytes: Buffer,
  der: Buffer,
  base: Base,
  readKey: (name: string) => Buffer,
): ParametersInput {
  const manifest = parseManifestJson(ParametersManifestSchema, manifestBytes, 'parameters', 'online');
  const key = keyFacts(der);
  const otherRegions = (manifest.otherRegions ?? []).map((r): RegionParametersInput => {
    const facts = keyFacts(readKey(r.publicKey.file));
    if (facts.publicKeySha256 !== r.publicKey.sha256 || facts.wrappingKeySpec !== manifest.wrappingKeySpec) {
      throw new AppError(
        'BUNDLE_CORRUPT',
        `${r.publicKey.file} (SHA-256 ${facts.publicKeySha256.slice(0, 16)}…, ${facts.wrappingKeySpec}) is not the ${manifest.wrappingKeySpec} key manifest.json names for ${r.region} (${r.publicKey.sha256.slice(0, 16)}…).`,
        'The bundle was changed or mixed with another one. Write a fresh parameters bundle on the online station.',
      );
    }
    return {
      region: r.region,
      keyArn: r.keyArn,
      publicKey: facts.publicKey,
      publicKeySha256: facts.publicKeySha256,
      fingerprint: facts.fingerprint,
      importTokenSha256: r.importToken.sha256,
      parametersValidTo: r.parametersValidTo,
    };
  });
  if (key.publicKeySha256 !== manifest.publicKey.sha256) {
    throw new AppError(
      'BUNDLE_CORRUPT',
      `WrappingPublicKey.bin (SHA-256 ${key.publicKeySha256.slice(0, 16)}…) is not the key manifest.json names (${manifest.publicKey.sha256.slice(0, 16)}…).`,
      'The bundle was changed or mixed with another one. Write a fresh parameters bundle on the online station.',
    );
  }
  if (key.wrappingKeySpec !== manifest.wrappingKeySpec) {
    throw new AppError(
      'BUNDLE_CORRUPT',
      `The public key is ${key.wrappingKeySpec} but manifest.json says ${manifest.wrappingKeySpec}.`,
      'Write a fresh parameters bundle on the online station.',
    );
  }
  return {
    source: 'parameters-bundle',
    ...base,
    ...key,
    keyArn: manifest.keyArn,
    keyId: null,
    keySpec: manifest.keySpec,
    wrappingAlgorithm: manifest.wrappingAlgorithm,
    parametersValidTo: manifest.parametersValidTo,
    importTokenSha256: manifest.importToken.sha256,
    ceremonyId: manifest.ceremonyId,
    manifest,
    otherRegions,
    warnings: [],
  };
}

function fromConsole(
  source: ParametersSource,
  der: Buffer,
  token: Buffer | null,
  facts: ReturnType<typeof readConsoleReadme> | null,
  keyId: string | null,
  base: Base,
): ParametersInput {
  const warnings = [
    'The wrapping algorithm and expiry were read from the console README: confirm them against the online station.',
  ];
  if (token)
    warnings.push(
      'This download includes the import token. The offline station only records its SHA-256; the token is needed on the online station.',
    );
  if (!facts?.wrappingAlgorithm)
    warnings.push('No wrapping algorithm found in the README: choose the one selected in the console.');
  if (!facts?.parametersValidTo)
    warnings.push('No expiry found in the README: the parameters are valid 24 hours from download.');
  return {
    source,
    ...base,
    ...keyFacts(der),
    keyArn: facts?.keyArn ?? null,
    keyId,
    keySpec: null,
    wrappingAlgorithm: facts?.wrappingAlgorithm ?? null,
    parametersValidTo: facts?.parametersValidTo ?? null,
    importTokenSha256: token ? digestOf(token).sha256 : null,
    ceremonyId: null,
    manifest: null,
    otherRegions: [],
    warnings,
  };
}

// Built on first use (z.lazy): `kms-ceremony run` initialises every module it bundles on each start.
const CliJsonSchema = z.lazy(() =>
  z.looseObject({
    KeyId: z.string().optional(),
    ImportToken: z.string().optional(),
    PublicKey: z.string(),
    ParametersValidTo: z.union([z.string(), z.number()]).optional(),
  }),
);

function fromCliJson(text: Buffer, name: string, base: Base): ParametersInput {
  let json: z.infer<typeof CliJsonSchema>;
  try {
    json = CliJsonSchema.parse(JSON.parse(text.toString('utf8')));
  } catch {
    throw new AppError(
      'UNKNOWN_PARAMETERS',
      `${name} is JSON but not the output of \`aws kms get-parameters-for-import\` (it needs a base64 "PublicKey").`,
      "Save the command's full JSON output, e.g. `aws kms get-parameters-for-import ... > params.json`.",
    );
  }
  const decode = (field: string, value: string, expected: 'der' | 'binary') =>
    normaliseInto(base.files, `${name}#${field}`, Buffer.from(value, 'utf8'), { expected });
  const der = decode('PublicKey', json.PublicKey, 'der');
  const token = json.ImportToken ? decode('ImportToken', json.ImportToken, 'binary') : null;
  // CLI v2 prints ISO 8601; CLI v1 prints the API's epoch seconds as a number.
  const validTo =
    json.ParametersValidTo === undefined
      ? null
      : new Date(
          typeof json.ParametersValidTo === 'number' ? json.ParametersValidTo * 1000 : json.ParametersValidTo,
        );
  if (validTo && Number.isNaN(validTo.getTime())) {
    throw new AppError(
      'UNKNOWN_PARAMETERS',
      `ParametersValidTo "${json.ParametersValidTo}" is not a date.`,
      "Save the command's JSON output unedited.",
    );
  }
  const warnings = [
    'The CLI output does not name the wrapping algorithm: choose the one passed to --wrapping-algorithm.',
  ];
  if (token)
    warnings.push(
      'This JSON includes the import token. The offline station only records its SHA-256; the token is needed on the online station.',
    );
  const arn = json.KeyId?.startsWith('arn:') ? json.KeyId : null;
  return {
    source: 'cli-json',
    ...base,
    ...keyFacts(der),
    keyArn: arn,
    keyId: arn ? null : (json.KeyId ?? null),
    keySpec: null,
    wrappingAlgorithm: null,
    parametersValidTo: validTo ? validTo.toISOString() : null,
    importTokenSha256: token ? digestOf(token).sha256 : null,
    ceremonyId: null,
    manifest: null,
    otherRegions: [],
    warnings,
  };
}

function fromPublicKeyFile(der: Buffer, base: Base): ParametersInput {
  return {
    source: 'public-key-file',
    ...base,
    ...keyFacts(der),
    keyArn: null,
    keyId: null,
    keySpec: null,
    wrappingAlgorithm: null,
    parametersValidTo: null,
    importTokenSha256: null,
    ceremonyId: null,
    manifest: null,
    otherRegions: [],
    warnings: [
      'Only the public key was given: the key ARN, wrapping algorithm and expiry must be entered by hand and confirmed against the online station.',
    ],
  };
}

export interface ParametersValidity {
  expired: boolean;
  remainingMs: number | null;
  message: string;
}

/** Countdown for the UI; `minRemainingMs` lets the wizard refuse to start wrapping too close to expiry. */
export function parametersValidity(
  validTo: string | null,
  now: Date,
  minRemainingMs = 0,
): ParametersValidity {
  if (!validTo)
    return {
      expired: false,
      remainingMs: null,
      message: 'Expiry unknown: parameters are valid 24 hours from when they were fetched.',
    };
  const remainingMs = new Date(validTo).getTime() - now.getTime();
  if (remainingMs <= 0) {
    return {
      expired: true,
      remainingMs,
      message: `The import parameters expired at ${validTo} (${formatDuration(-remainingMs)} ago).`,
    };
  }
  if (remainingMs < minRemainingMs) {
    return {
      expired: true,
      remainingMs,
      message: `The import parameters expire at ${validTo}, in ${formatDuration(remainingMs)}: less than the ${formatDuration(minRemainingMs)} this ceremony needs.`,
    };
  }
  return {
    expired: false,
    remainingMs,
    message: `Valid until ${validTo} (${formatDuration(remainingMs)} left).`,
  };
}

function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}
