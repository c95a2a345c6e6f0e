import type { KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import type { CheckValue, WrappingAlgorithm, WrappingKeySpec } from '../crypto';
import { verifyTranscript, type TranscriptIntact } from '../transcript';
import { loadFiles, type LoadedFiles } from './bundle-files';
import { normaliseInto, type NormalisedFileReport } from './file-report';
import {
  FILES,
  WRAPPED_BUNDLE_FORMAT,
  WrappedManifestSchema,
  manifestBytes,
  manifestHeader,
  type ManifestHeaderInput,
  parseManifestJson,
  regionFile,
  type WrappedManifest,
} from './manifest';
import { digestOf } from './normalise';
import type { WrittenBundle } from './parameters-bundle';
import { wrappedReadme } from './readme';
import { writeBundle, type BundleContainer } from './safe-write';

export interface WrappedBundleInput extends ManifestHeaderInput {
  /** The wrapping public key (DER) the material was wrapped for: binds the bundle to its parameters. */
  publicKey: Uint8Array;
  importTokenSha256: string | null;
  encryptedKeyMaterial: Uint8Array;
  checkValue: CheckValue;
  /** The offline station's transcript text (the file's bytes), up to and including the wrap step. */
  transcriptSegment: string;
  createdAt?: Date;
  /** A multi-Region key's other Regions: the same material wrapped under each Region's public key. */
  otherRegions?: {
    region: string;
    keyArn: string;
    parametersValidTo: Date | string;
    publicKey: Uint8Array;
    importTokenSha256: string | null;
    encryptedKeyMaterial: Uint8Array;
  }[];
}

const MODULUS_BYTES: Partial<Record<WrappingKeySpec, number>> = {
  RSA_2048: 256,
  RSA_3072: 384,
  RSA_4096: 512,
};

/** Sizes EncryptedKeyMaterial.bin can have: one RSA block (OAEP), or one RSA block + an RFC 5649 output. */
export function wrappedSizeRule(
  algorithm: WrappingAlgorithm,
  spec: WrappingKeySpec,
): { ok: (n: number) => boolean; hint: string } {
  const m = MODULUS_BYTES[spec];
  if (!m) return { ok: (n) => n > 0, hint: 'a non-empty file' };
  if (algorithm.startsWith('RSA_AES_KEY_WRAP')) {
    return {
      ok: (n) => n >= m + 16 && (n - m) % 8 === 0,
      hint: `${m} bytes of RSA-OAEP plus an AES key wrap output (a multiple of 8 bytes)`,
    };
  }
  return { ok: (n) => n === m, hint: `exactly ${m} bytes (one ${spec} block)` };
}

/** Offline station: EncryptedKeyMaterial.bin + manifest.json + transcript-offline.jsonl + README.txt. */
export async function writeWrappedBundle(
  target: string,
  input: WrappedBundleInput,
  options: { as?: BundleContainer; trustedKeys?: (string | Uint8Array | KeyObject)[] } = {},
): Promise<WrittenBundle<WrappedManifest>> {
  const size = wrappedSizeRule(input.wrappingAlgorithm, input.wrappingKeySpec);
  for (const [where, blob] of [
    ['', input.encryptedKeyMaterial] as const,
    ...(input.otherRegions ?? []).map((r) => [` for ${r.region}`, r.encryptedKeyMaterial] as const),
  ]) {
    if (!size.ok(blob.length)) {
      throw new AppError(
        'BAD_WRAPPED',
        `The wrapped material${where} has ${blob.length} bytes; ${input.wrappingAlgorithm} with ${input.wrappingKeySpec} gives ${size.hint}.`,
        'Wrap again with the algorithm and key from the parameters bundle.',
      );
    }
  }
  const segment = verifyTranscript(
    input.transcriptSegment,
    options.trustedKeys ? { trustedKeys: options.trustedKeys } : {},
  );
  if (!segment.intact) {
    throw new AppError(
      'SEGMENT_NOT_INTACT',
      `The offline transcript is not intact: ${segment.message}`,
      'Resolve the transcript problem before handing anything to the online station.',
    );
  }
  if (segment.ceremonyId !== input.ceremonyId) {
    throw new AppError(
      'SEGMENT_MISMATCH',
      `The transcript records ceremony ${segment.ceremonyId}, not ${input.ceremonyId}.`,
      'Pass this ceremony’s offline transcript.',
    );
  }
  const createdAt = input.createdAt ?? new Date();
  const transcriptBytes = Buffer.from(input.transcriptSegment, 'utf8');
  const others = (input.otherRegions ?? []).map((r) => ({
    ...r,
    file: regionFile('EncryptedKeyMaterial', r.region),
    blob: Buffer.from(r.encryptedKeyMaterial),
  }));
  const manifest = WrappedManifestSchema.parse({
    ...manifestHeader(WRAPPED_BUNDLE_FORMAT, input, createdAt),
    parameters: {
      publicKeySha256: digestOf(input.publicKey).sha256,
      importTokenSha256: input.importTokenSha256,
    },
    encryptedKeyMaterial: { file: FILES.encryptedKeyMaterial, ...digestOf(input.encryptedKeyMaterial) },
    checkValue: input.checkValue,
    transcript: {
      file: FILES.offlineTranscript,
      ...digestOf(transcriptBytes),
      events: segment.events,
      headHash: segment.headHash,
      stationKeyId: segment.stationKeyId,
    },
    ...(others.length
      ? {
          otherRegions: others.map((r) => ({
            region: r.region,
            keyArn: r.keyArn,
            parametersValidTo: new Date(r.parametersValidTo).toISOString(),
            parameters: {
              publicKeySha256: digestOf(r.publicKey).sha256,
              importTokenSha256: r.importTokenSha256,
            },
            encryptedKeyMaterial: { file: r.file, ...digestOf(r.blob) },
          })),
        }
      : {}),
  });
  const files = {
    [FILES.encryptedKeyMaterial]: Buffer.from(input.encryptedKeyMaterial),
    ...Object.fromEntries(others.map((r) => [r.file, r.blob])),
    [FILES.manifest]: manifestBytes(manifest),
    [FILES.offlineTranscript]: transcriptBytes,
    [FILES.readme]: Buffer.from(wrappedReadme(manifest, input.publicKey), 'utf8'),
  };
  await writeBundle(target, files, options.as ?? 'folder', createdAt);
  return {
    path: target,
    manifest,
    files: Object.entries(files).map(([name, data]) => ({ name, ...digestOf(data) })),
  };
}

export interface ReadWrappedOptions {
  /** SHA-256 of the wrapping public key of the parameters this online station fetched. */
  expectedPublicKeySha256: string;
  /** SHA-256 of the import token kept on this station, when known: a second binding check. */
  expectedImportTokenSha256?: string | null;
  now: Date;
  /** Offline station public keys the auditors trust; without them the segment is checked against its own key. */
  trustedKeys?: (string | Uint8Array | KeyObject)[];
  /**
   * A multi-Region ceremony's other Regions and the parameters this station fetched in each: the bundle
   * must carry exactly these Regions, each wrapped for its own public key (and token, when both know it).
   */
  otherRegions?: { region: string; publicKeySha256: string; importTokenSha256: string | null }[];
}

export interface WrappedRegionMaterial {
  region: string;
  keyArn: string;
  encryptedKeyMaterial: Buffer;
  sha256: string;
}

export interface WrappedBundle {
  container: LoadedFiles['container'];
  origin: string;
  manifest: WrappedManifest;
  encryptedKeyMaterial: Buffer;
  /** Exact text of the offline transcript: pass it to Transcript.mergeSegment. */
  transcriptSegment: string;
  segment: TranscriptIntact;
  files: NormalisedFileReport[];
  /** The same material wrapped for each of a multi-Region key's other Regions (empty for one Region). */
  otherRegions: WrappedRegionMaterial[];
}

/**
 * Online station: reads a wrapped bundle (folder or zip) and refuses it unless it was wrapped for this
 * station's parameters (public-key SHA-256, and token SHA-256 when both sides know it), the parameters have
 * not expired, every file matches the manifest, and the offline transcript segment is intact.
 */
export async function readWrappedBundle(
  input: string | Uint8Array,
  options: ReadWrappedOptions,
): Promise<WrappedBundle> {
  const loaded = await loadFiles(input);
  const reports: NormalisedFileReport[] = [];
  const need = (name: string) => {
    const data = loaded.files.get(name);
    if (!data) {
      throw new AppError(
        'BAD_BUNDLE',
        `${loaded.origin} has no ${name}; it holds ${[...loaded.files.keys()].join(', ') || 'nothing'}.`,
        'Pick the wrapped bundle written by the offline station (folder or zip).',
      );
    }
    return data;
  };
  const manifestText = normaliseInto(reports, FILES.manifest, need(FILES.manifest), { expected: 'text' });
  const manifest = parseManifestJson(WrappedManifestSchema, manifestText, 'wrapped-bundle', 'offline');

  if (manifest.parameters.publicKeySha256 !== options.expectedPublicKeySha256) {
    throw new AppError(
      'BUNDLE_MISMATCH',
      `This wrapped bundle was made for wrapping public key ${manifest.parameters.publicKeySha256.slice(0, 16)}…, but this station's parameters have key ${options.expectedPublicKeySha256.slice(0, 16)}….`,
      'It belongs to other import parameters (another ceremony or an earlier GetParametersForImport). Use the matching bundle, or wrap again with these parameters.',
    );
  }
  const tokenHere = options.expectedImportTokenSha256;
  if (
    tokenHere &&
    manifest.parameters.importTokenSha256 &&
    manifest.parameters.importTokenSha256 !== tokenHere
  ) {
    throw new AppError(
      'BUNDLE_MISMATCH',
      'This wrapped bundle names a different import token than the one kept on this station.',
      'Use the parameters (and token) this bundle was made for.',
    );
  }
  const validTo = new Date(manifest.parametersValidTo);
  if (options.now.getTime() >= validTo.getTime()) {
    throw new AppError(
      'TOKEN_EXPIRED',
      `The import token expired at ${manifest.parametersValidTo}; KMS would refuse this import.`,
      'Fetch new import parameters on the online station, carry them to the offline station and wrap the material again.',
    );
  }

  const size = wrappedSizeRule(manifest.wrappingAlgorithm, manifest.wrappingKeySpec);
  const encrypted = normaliseInto(reports, FILES.encryptedKeyMaterial, need(FILES.encryptedKeyMaterial), {
    expected: 'binary',
    plausibleSize: size.ok,
    sizeHint: size.hint,
  });
  mustMatch(FILES.encryptedKeyMaterial, encrypted, manifest.encryptedKeyMaterial.sha256);
  const transcriptBytes = normaliseInto(reports, FILES.offlineTranscript, need(FILES.offlineTranscript), {
    expected: 'text',
  });
  mustMatch(FILES.offlineTranscript, transcriptBytes, manifest.transcript.sha256);
  const transcriptSegment = transcriptBytes.toString('utf8');
  const segment = verifyTranscript(transcriptBytes, {
    ...(options.trustedKeys ? { trustedKeys: options.trustedKeys } : {}),
    expectedHead: { events: manifest.transcript.events, headHash: manifest.transcript.headHash },
  });
  if (!segment.intact) {
    throw new AppError(
      'SEGMENT_NOT_INTACT',
      `The offline transcript in this bundle is not intact: ${segment.message}`,
      'Do not import; ask the offline station for the bundle again and compare SHA-256 values with a witness.',
    );
  }
  if (
    segment.ceremonyId !== manifest.ceremonyId ||
    segment.stationKeyId !== manifest.transcript.stationKeyId
  ) {
    throw new AppError(
      'BUNDLE_CORRUPT',
      'The offline transcript does not belong to this bundle’s ceremony or station.',
      'Use the bundle exactly as the offline station wrote it.',
    );
  }
  return {
    container: loaded.container,
    origin: loaded.origin,
    manifest,
    encryptedKeyMaterial: encrypted,
    transcriptSegment,
    segment,
    files: reports,
    otherRegions: readOtherRegions(manifest, options.otherRegions ?? [], options.now, (entry) => {
      const bytes = normaliseInto(reports, entry.file, need(entry.file), {
        expected: 'binary',
        plausibleSize: size.ok,
        sizeHint: size.hint,
      });
      mustMatch(entry.file, bytes, entry.sha256);
      return bytes;
    }),
  };
}

/** Each other Region the station expects, wrapped for the parameters it fetched there; nothing more. */
function readOtherRegions(
  manifest: WrappedManifest,
  expected: NonNullable<ReadWrappedOptions['otherRegions']>,
  now: Date,
  read: (file: { file: string; sha256: string }) => Buffer,
): WrappedRegionMaterial[] {
  const inBundle = manifest.otherRegions ?? [];
  const names = (list: { region: string }[]) => list.map((r) => r.region).join(', ') || 'none';
  const missing = expected.filter((e) => !inBundle.some((r) => r.region === e.region));
  const extra = inBundle.filter((r) => !expected.some((e) => e.region === r.region));
  if (missing.length || extra.length) {
    throw new AppError(
      'BUNDLE_MISMATCH',
      `This wrapped bundle holds material for the other Regions ${names(inBundle)}, but this station fetched parameters for ${names(expected)}.`,
      'Use the wrapped bundle made from this ceremony’s parameters bundle (every Region in it).',
    );
  }
  return expected.map((e) => {
    const entry = inBundle.find((r) => r.region === e.region)!;
    const tokenMismatch =
      e.importTokenSha256 &&
      entry.parameters.importTokenSha256 &&
      e.importTokenSha256 !== entry.parameters.importTokenSha256;
    if (entry.parameters.publicKeySha256 !== e.publicKeySha256 || tokenMismatch) {
      throw new AppError(
        'BUNDLE_MISMATCH',
        `The material for ${e.region} was wrapped for public key ${entry.parameters.publicKeySha256.slice(0, 16)}…, but this station's parameters in ${e.region} have key ${e.publicKeySha256.slice(0, 16)}….`,
        'It belongs to other import parameters. Use the matching bundle, or wrap again with these parameters.',
      );
    }
    if (now.getTime() >= new Date(entry.parametersValidTo).getTime()) {
      throw new AppError(
        'TOKEN_EXPIRED',
        `The import token for ${e.region} expired at ${entry.parametersValidTo}; KMS would refuse that import.`,
        'Fetch new import parameters on the online station (every Region), carry them across and wrap again.',
      );
    }
    const bytes = read(entry.encryptedKeyMaterial);
    return {
      region: e.region,
      keyArn: entry.keyArn,
      encryptedKeyMaterial: bytes,
      sha256: entry.encryptedKeyMaterial.sha256,
    };
  });
}

function mustMatch(name: string, bytes: Buffer, sha256: string): void {
  const actual = digestOf(bytes).sha256;
  if (actual !== sha256) {
    throw new AppError(
      'BUNDLE_CORRUPT',
      `${name} (SHA-256 ${actual.slice(0, 16)}…) is not the file manifest.json names (${sha256.slice(0, 16)}…).`,
      'The file was changed in transit. Copy the bundle again from the offline station.',
    );
  }
}
