import * as z from 'zod';
import { AppError } from '../errors';
import { CEREMONY_ID, FILE_NAME } from '../../shared/path-ids';
import { AWS_REGION_NAME } from '../../shared/region-name';
import {
  KEY_SPECS,
  WRAPPING_ALGORITHMS,
  WRAPPING_KEY_SPECS,
  type KeySpec,
  type WrappingAlgorithm,
  type WrappingKeySpec,
} from '../crypto';

export const PARAMETERS_BUNDLE_FORMAT = 'kms-ceremony/parameters-bundle';
export const WRAPPED_BUNDLE_FORMAT = 'kms-ceremony/wrapped-bundle';
export const BUNDLE_VERSION = 1;

export const FILES = {
  publicKey: 'WrappingPublicKey.bin',
  importToken: 'ImportToken.bin',
  readme: 'README.txt',
  manifest: 'manifest.json',
  encryptedKeyMaterial: 'EncryptedKeyMaterial.bin',
  offlineTranscript: 'transcript-offline.jsonl',
} as const;

// The manifests' schemas are built on first use (z.lazy; the parts below are functions for that): only an
// air-gapped ceremony reads or writes a bundle, and `kms-ceremony run` initialises every module it bundles
// on each start — building them took ~4 ms of every scripted ceremony.
const sha256 = () => z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');
const isoTime = () => z.iso.datetime({ offset: true });
const fileRef = () => z.strictObject({ file: FILE_NAME, size: z.number().int().min(0), sha256: sha256() });
const regionName = () => z.string().regex(AWS_REGION_NAME, 'a Region such as eu-west-1');

/**
 * The other Regions of a multi-Region key (spec §4.4): each has its own parameters (public key, token,
 * validity), so one bundle carries every Region's public key across the air gap, and the wrapped bundle
 * every Region's EncryptedKeyMaterial — the same material wrapped under each. File names carry the Region.
 */
export const regionFile = (base: 'WrappingPublicKey' | 'EncryptedKeyMaterial', region: string) =>
  `${base}.${region}.bin`;

const parametersRegion = () =>
  z.strictObject({
    region: regionName(),
    keyArn: z.string().min(1),
    parametersValidTo: isoTime(),
    publicKey: fileRef(),
    importToken: z.strictObject({ size: z.number().int().min(1), sha256: sha256() }),
  });
const wrappedRegion = () =>
  z.strictObject({
    region: regionName(),
    keyArn: z.string().min(1),
    parametersValidTo: isoTime(),
    parameters: z.strictObject({ publicKeySha256: sha256(), importTokenSha256: sha256().nullable() }),
    encryptedKeyMaterial: fileRef(),
  });
/**
 * Each Region once, and each Region's file the one named for it: a manifest that points a Region at another
 * Region's file (with that file's hash) would show, wrap or import another Region's bytes as this one's.
 */
const regionList = <T extends z.ZodType<{ region: string }>>(
  entry: T,
  base: Parameters<typeof regionFile>[0],
  file: (r: z.infer<T>) => string,
) =>
  z
    .array(entry)
    .min(1)
    .max(20)
    .superRefine((list, ctx) => {
      list.forEach((r, i) => {
        if (list.findIndex((o) => o.region === r.region) !== i)
          ctx.addIssue({ code: 'custom', path: [i, 'region'], message: `${r.region} is listed twice` });
        const own = regionFile(base, r.region);
        if (file(r) !== own)
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `${r.region}'s file must be ${own}, not ${file(r)}`,
          });
      });
    });
export type ParametersRegion = z.infer<ReturnType<typeof parametersRegion>>;
export type WrappedRegion = z.infer<ReturnType<typeof wrappedRegion>>;

export const ParametersManifestSchema = z.lazy(() =>
  z.strictObject({
    format: z.literal(PARAMETERS_BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    ceremonyId: CEREMONY_ID,
    createdAt: isoTime(),
    keyArn: z.string().min(1),
    keySpec: z.enum(KEY_SPECS),
    wrappingAlgorithm: z.enum(WRAPPING_ALGORITHMS),
    wrappingKeySpec: z.enum(WRAPPING_KEY_SPECS),
    parametersValidTo: isoTime(),
    publicKey: fileRef(),
    /** The token itself stays on the online station; only its size and hash travel. */
    importToken: z.strictObject({ size: z.number().int().min(1), sha256: sha256() }),
    onlineStationKeyId: sha256().optional(),
    /** A multi-Region key's other Regions, each with its own parameters (absent for one Region). */
    otherRegions: regionList(parametersRegion(), 'WrappingPublicKey', (r) => r.publicKey.file).optional(),
  }),
);
export type ParametersManifest = z.infer<typeof ParametersManifestSchema>;

export const WrappedManifestSchema = z.lazy(() =>
  z.strictObject({
    format: z.literal(WRAPPED_BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    ceremonyId: CEREMONY_ID,
    createdAt: isoTime(),
    keyArn: z.string().min(1).nullable(),
    keySpec: z.enum(KEY_SPECS),
    wrappingAlgorithm: z.enum(WRAPPING_ALGORITHMS),
    wrappingKeySpec: z.enum(WRAPPING_KEY_SPECS),
    parametersValidTo: isoTime(),
    /** Binds this bundle to the parameters it was wrapped for. */
    parameters: z.strictObject({ publicKeySha256: sha256(), importTokenSha256: sha256().nullable() }),
    encryptedKeyMaterial: fileRef(),
    checkValue: z.strictObject({
      kind: z.enum(['AES-CMAC', 'HMAC', 'SPKI-SHA256']),
      value: z.string().regex(/^[0-9A-F]+$/),
      legacyEcbKcv: z
        .string()
        .regex(/^[0-9A-F]+$/)
        .optional(),
    }),
    transcript: fileRef().extend({
      events: z.number().int().min(1),
      headHash: sha256(),
      stationKeyId: sha256(),
    }),
    /** The same material wrapped for each of a multi-Region key's other Regions (absent for one Region). */
    otherRegions: regionList(
      wrappedRegion(),
      'EncryptedKeyMaterial',
      (r) => r.encryptedKeyMaterial.file,
    ).optional(),
  }),
);
export type WrappedManifest = z.infer<typeof WrappedManifestSchema>;

/** Manifests are written pretty-printed for people, with a final newline. */
export function manifestBytes(manifest: ParametersManifest | WrappedManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

export interface ManifestHeaderInput {
  ceremonyId: string;
  keyArn: string | null;
  keySpec: KeySpec;
  wrappingAlgorithm: WrappingAlgorithm;
  wrappingKeySpec: WrappingKeySpec;
  parametersValidTo: Date | string;
}

/** The fields both manifests start with. */
export function manifestHeader(
  format: typeof PARAMETERS_BUNDLE_FORMAT | typeof WRAPPED_BUNDLE_FORMAT,
  input: ManifestHeaderInput,
  createdAt: Date,
) {
  return {
    format,
    version: BUNDLE_VERSION,
    ceremonyId: input.ceremonyId,
    createdAt: createdAt.toISOString(),
    keyArn: input.keyArn,
    keySpec: input.keySpec,
    wrappingAlgorithm: input.wrappingAlgorithm,
    wrappingKeySpec: input.wrappingKeySpec,
    parametersValidTo: new Date(input.parametersValidTo).toISOString(),
  };
}

/** Parses manifest.json against its schema; any problem becomes one AppError naming the fields. */
export function parseManifestJson<T>(schema: z.ZodType<T>, bytes: Buffer, kind: string, writer: string): T {
  try {
    return schema.parse(JSON.parse(bytes.toString('utf8')));
  } catch (error) {
    const detail =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
        : (error as Error).message;
    throw new AppError(
      'BAD_MANIFEST',
      `manifest.json is not a version-${BUNDLE_VERSION} ${kind} manifest (${detail}).`,
      `Use the bundle exactly as the ${writer} station wrote it.`,
    );
  }
}
