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
  const manifest = ParametersManifestSchema.parse({
    ...manifestHeader(PARAMETERS_BUNDLE_FORMAT, input, createdAt),
    publicKey: { file: FILES.publicKey, ...digestOf(key.der) },
    importToken: digestOf(input.importToken),
    ...(input.onlineStationKeyId ? { onlineStationKeyId: input.onlineStationKeyId } : {}),
  });
  const files = {
    [FILES.publicKey]: key.der,
    [FILES.manifest]: manifestBytes(manifest),
    [FILES.readme]: Buffer.from(parametersReadme(manifest, key.der), 'utf8'),
  };
  const as = options.as ?? 'folder';
  await writeBundle(target, files, as, createdAt);
  return {
    path: target,
    manifest,
    files: Object.entries(files).map(([name, data]) => ({ name, ...digestOf(data) })),
  };
}
