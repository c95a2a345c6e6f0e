import { AppError } from '../errors';
import {
  checkImportCompatibility,
  parseWrappingPublicKey,
  type KeySpec,
  type WrappingAlgorithm,
  type WrappingKeySpec,
} from '../crypto';
import { digestOf } from './normalise';
import {
  FILES,
  PARAMETERS_BUNDLE_FORMAT,
  ParametersManifestSchema,
  manifestBytes,
  manifestHeader,
  regionFile,
  type ParametersManifest,
} from './manifest';
import { parametersReadme } from './readme';
import { writeBundle, type BundleContainer } from './safe-write';

export interface ParametersBundleInput {
  ceremonyId: string;
  keyArn: string;
  keySpec: KeySpec;
  wrappingAlgorithm: WrappingAlgorithm;
  wrappingKeySpec: WrappingKeySpec;
  parametersValidTo: Date | string;
  /** GetParametersForImport's PublicKey (DER bytes, as the SDK returns it). */
  publicKey: Uint8Array;
  /** GetParametersForImport's ImportToken: only its size and SHA-256 are written. */
  importToken: Uint8Array;
  onlineStationKeyId?: string;
  createdAt?: Date;
  /** A multi-Region key's other Regions: each Region's own GetParametersForImport answer. */
  otherRegions?: {
    region: string;
    keyArn: string;
    parametersValidTo: Date | string;
    publicKey: Uint8Array;
    importToken: Uint8Array;
  }[];
}

export interface WrittenBundle<M> {
  /** The folder or .zip written. */
  path: string;
  manifest: M;
  files: { name: string; size: number; sha256: string }[];
}

/** Online station: writes WrappingPublicKey.bin + manifest.json + README.txt (folder or zip). Never the token. */
export async function writeParametersBundle(
  target: string,
  input: ParametersBundleInput,
  options: { as?: BundleContainer } = {},
): Promise<WrittenBundle<ParametersManifest>> {
  const key = parseWrappingPublicKey(Buffer.from(input.publicKey));
  if (key.wrappingKeySpec !== input.wrappingKeySpec) {
    throw new AppError(
      'BUNDLE_MISMATCH',
      `The public key is ${key.wrappingKeySpec}, but the parameters say ${input.wrappingKeySpec}.`,
      'Fetch the import parameters again.',
    );
  }
  const compatibility = checkImportCompatibility(
    input.keySpec,
    input.wrappingAlgorithm,
    input.wrappingKeySpec,
  );
  if (!compatibility.allowed)
    throw new AppError(
      'INCOMPATIBLE',
      compatibility.reason,
      'Fetch parameters with a supported wrapping algorithm and key spec.',
    );
  const createdAt = input.createdAt ?? new Date();
  const others = (input.otherRegions ?? []).map((r) => {
    const regionKey = parseWrappingPublicKey(Buffer.from(r.publicKey));
    if (regionKey.wrappingKeySpec !== input.wrappingKeySpec) {
      throw new AppError(
        'BUNDLE_MISMATCH',
        `The public key for ${r.region} is ${regionKey.wrappingKeySpec}, but the parameters say ${input.wrappingKeySpec}.`,
        'Fetch the import parameters in that Region again with the same wrapping key spec.',
      );
    }
    return { ...r, der: regionKey.der, file: regionFile('WrappingPublicKey', r.region) };
  });
  const manifest = ParametersManifestSchema.parse({
    ...manifestHeader(PARAMETERS_BUNDLE_FORMAT, input, createdAt),
    publicKey: { file: FILES.publicKey, ...digestOf(key.der) },
    importToken: digestOf(input.importToken),
    ...(input.onlineStationKeyId ? { onlineStationKeyId: input.onlineStationKeyId } : {}),
    ...(others.length
      ? {
          otherRegions: others.map((r) => ({
            region: r.region,
            keyArn: r.keyArn,
            parametersValidTo: new Date(r.parametersValidTo).toISOString(),
            publicKey: { file: r.file, ...digestOf(r.der) },
            importToken: digestOf(r.importToken),
          })),
        }
      : {}),
  });
  const files = {
    [FILES.publicKey]: key.der,
    ...Object.fromEntries(others.map((r) => [r.file, r.der])),
    [FILES.manifest]: manifestBytes(manifest),
    [FILES.readme]: Buffer.from(
      parametersReadme(
        manifest,
        key.der,
        others.map((r) => ({ region: r.region, der: r.der })),
      ),
      'utf8',
    ),
  };
  const as = options.as ?? 'folder';
  await writeBundle(target, files, as, createdAt);
  return {
    path: target,
    manifest,
    files: Object.entries(files).map(([name, data]) => ({ name, ...digestOf(data) })),
  };
}
