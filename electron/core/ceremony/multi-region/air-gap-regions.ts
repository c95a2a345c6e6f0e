/**
 * A multi-Region key across the air gap (issue 13, spec §4.4): each Region has its own import parameters
 * (public key, token, validity), so one parameters bundle carries every Region's public key, the offline
 * station wraps the same material under each (after a witness confirms each fingerprint), and the wrapped
 * bundle carries every Region's EncryptedKeyMaterial; the online station imports them Region by Region
 * with the usual approval and proof. The ceremony's first Region uses the usual parameters (`s.params`);
 * these are the others, in `s.airGapRegions`. Regions must already hold a replica: KMS replicates a key
 * only after its primary has material (spec §4.4 step 2), which a first import across the gap has not.
 */
import {
  parseWrappingPublicKey,
  wrapKeyMaterial,
  type WrappingAlgorithm,
  type WrappingKeySpec,
} from '../../crypto';
import { AppError } from '../../errors';
import { AWS_REGION_NAME } from '../../../shared/region-name';
import { publicKeyFingerprint } from '../../fingerprint';
import type { RegionParametersInput } from '../../bundles';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import {
  now,
  requireFreshParameters,
  requireKey,
  requireLog,
  runStep,
  setParameters,
  sha256,
  type CeremonyState,
} from '../state';
import { confirmKeyFingerprint } from '../steps/fingerprint';
import { multiRegion, regionConnection, useRegion } from './regions';

export interface AirGapRegion {
  region: string;
  keyArn: string;
  /** The first Region's: one wrapping algorithm and key spec for every Region. */
  wrappingAlgorithm: WrappingAlgorithm;
  publicKey: Buffer;
  publicKeySha256: string;
  words: string[];
  /** Null on the offline station: tokens stay on the online station. */
  importToken: Buffer | null;
  importTokenSha256: string;
  validTo: Date;
  fingerprintConfirmedBy: string[];
  /** This Region's EncryptedKeyMaterial, once wrapped (offline) or read from the wrapped bundle (online). */
  wrapped: Buffer | null;
  /** Online: the offline station's check value from the wrapped bundle, for the import approval. */
  offlineCheckValue: { kind: string; value: string } | null;
}

/** What the officers see per Region: never a token. */
export interface AirGapRegionInfo {
  region: string;
  keyArn: string;
  publicKeySha256: string;
  words: string[];
  parametersValidTo: string;
  fingerprintConfirmedBy: string[];
  wrappedSha256: string | null;
}

export const regionInfo = (r: AirGapRegion): AirGapRegionInfo => ({
  region: r.region,
  keyArn: r.keyArn,
  publicKeySha256: r.publicKeySha256,
  words: r.words,
  parametersValidTo: r.validTo.toISOString(),
  fingerprintConfirmedBy: r.fingerprintConfirmedBy,
  wrappedSha256: r.wrapped ? sha256(r.wrapped) : null,
});

function entry(
  region: string,
  keyArn: string,
  wrappingAlgorithm: WrappingAlgorithm,
  publicKeyDer: Buffer,
  token: { importToken: Buffer | null; importTokenSha256: string },
  validTo: Date,
): AirGapRegion {
  const fp = publicKeyFingerprint(publicKeyDer);
  return {
    region,
    keyArn,
    wrappingAlgorithm,
    publicKey: publicKeyDer,
    publicKeySha256: fp.sha256Hex,
    words: fp.words,
    ...token,
    validTo,
    fingerprintConfirmedBy: [],
    wrapped: null,
    offlineCheckValue: null,
  };
}

function find(s: CeremonyState, region: string): AirGapRegion {
  const r = s.airGapRegions.find((x) => x.region === region);
  if (!r)
    throw new AppError(
      'UNKNOWN_REGION',
      `${region} is not one of this ceremony's other Regions (${s.airGapRegions.map((x) => x.region).join(', ') || 'none'}).`,
      'Use a Region the parameters bundle carries.',
    );
  return r;
}

/**
 * Online station, after the usual parameters in the key's first Region: GetParametersForImport in each of
 * `regions` (replicas of the selected multi-Region key) with the same wrapping algorithm and key spec.
 * All or none: the Regions are kept only when every one answered.
 * @throws AppError NO_PARAMETERS, BAD_REGION, NOT_MULTI_REGION_PRIMARY, REGION_NOT_REPLICATED, REPLICA_CREATING,
 *   WRONG_WRAPPING_KEY, or KMS's explained error.
 */
export async function fetchOtherRegionParameters(
  s: CeremonyState,
  regions: readonly string[],
): Promise<AirGapRegionInfo[]> {
  enforce(policyFacts(s), 'parameters.get');
  const main = requireFreshParameters(s);
  const mr = multiRegion(s);
  const bad = regions.find((r) => !AWS_REGION_NAME.test(r));
  if (bad)
    throw new AppError(
      'BAD_REGION',
      `"${bad}" is not a Region name.`,
      'Name the replica Regions as AWS names them, e.g. eu-west-1.',
    );
  const keySpecName = main.info.wrappingKeySpec as WrappingKeySpec;
  const fetched: AirGapRegion[] = [];
  for (const region of [...new Set(regions)].filter((r) => r !== mr.current)) {
    const conn = await regionConnection(s, region);
    const meta = await conn.gateway.describeKey(mr.keyId).catch((error: unknown) => {
      if ((error as AppError).code !== 'NotFoundException') throw error;
      throw new AppError(
        'REGION_NOT_REPLICATED',
        `${region} holds no replica of ${mr.keyId}.`,
        'Across the air gap, parameters are fetched for Regions that already hold a replica: replicate the key first (after its primary has material), then fetch the parameters again.',
      );
    });
    if (meta.KeyState === 'Creating')
      throw new AppError(
        'REPLICA_CREATING',
        `The replica in ${region} is still Creating.`,
        'Wait until KMS has made it (PendingImport), then fetch the parameters again.',
      );
    const details = {
      region,
      wrappingAlgorithm: main.wrappingAlgorithm,
      wrappingKeySpec: keySpecName,
    };
    fetched.push(
      await runStep(
        s,
        'parameters.fetched',
        details,
        async () => {
          const raw = await conn.gateway.getParametersForImport(
            mr.keyId,
            main.wrappingAlgorithm,
            keySpecName,
          );
          const key = parseWrappingPublicKey(raw.publicKey);
          if (key.wrappingKeySpec !== keySpecName)
            throw new AppError(
              'WRONG_WRAPPING_KEY',
              `KMS in ${region} returned a ${key.wrappingKeySpec} wrapping key, but ${keySpecName} was requested.`,
              'Get import parameters again; if it repeats, stop the ceremony and investigate.',
            );
          return entry(
            region,
            meta.Arn ?? `${region}:${mr.keyId}`,
            main.wrappingAlgorithm,
            key.der,
            { importToken: raw.importToken, importTokenSha256: sha256(raw.importToken) },
            raw.parametersValidTo,
          );
        },
        (r) => ({
          keyArn: r.keyArn,
          publicKeySha256: r.publicKeySha256,
          importTokenSha256: r.importTokenSha256,
          parametersValidTo: r.validTo.toISOString(),
        }),
      ),
    );
  }
  s.airGapRegions = fetched;
  return fetched.map(regionInfo);
}

/** Offline station: the other Regions a parameters bundle carries (no tokens). */
export function applyOtherRegions(
  s: CeremonyState,
  wrappingAlgorithm: WrappingAlgorithm,
  regions: RegionParametersInput[],
): void {
  s.airGapRegions = regions.map((r) =>
    entry(
      r.region,
      r.keyArn,
      wrappingAlgorithm,
      r.publicKey,
      { importToken: null, importTokenSha256: r.importTokenSha256 },
      new Date(r.parametersValidTo),
    ),
  );
}

/** Offline station: a named witness confirms one other Region's wrapping public key fingerprint. */
export function confirmRegionFingerprint(
  s: CeremonyState,
  region: string,
  req: { witness: string; heardWords: string | null },
): Promise<{ matched: boolean; message: string }> {
  const r = find(s, region);
  return confirmKeyFingerprint(s, req, r.publicKeySha256, { region }, (confirmedBy) => {
    r.fingerprintConfirmedBy = confirmedBy(r.fingerprintConfirmedBy);
  });
}

/**
 * Offline station, after the usual wrap: wraps the same material for every other Region, each only once a
 * witness confirmed its fingerprint and while its parameters are valid. All or none.
 * @throws AppError NO_MATERIAL, REGION_FINGERPRINT_UNCONFIRMED, PARAMETERS_EXPIRED (naming the Region).
 */
export async function wrapOtherRegions(s: CeremonyState): Promise<AirGapRegionInfo[]> {
  enforce(policyFacts(s), 'wrap');
  const key = requireKey(s);
  const main = requireFreshParameters(s);
  const material = s.material;
  if (!material)
    throw new AppError(
      'NO_MATERIAL',
      'There is no key material yet.',
      'Generate or load key material first.',
    );
  for (const r of s.airGapRegions) {
    if (r.fingerprintConfirmedBy.length === 0)
      throw new AppError(
        'REGION_FINGERPRINT_UNCONFIRMED',
        `No witness has confirmed the wrapping public key fingerprint for ${r.region}.`,
        `A witness reads ${r.region}'s fingerprint aloud against the online station's, then confirms it; nothing was wrapped.`,
      );
    if (r.validTo.getTime() <= now(s).getTime())
      throw new AppError(
        'PARAMETERS_EXPIRED',
        `The import parameters for ${r.region} expired at ${r.validTo.toISOString()}.`,
        'Fetch new parameters for every Region on the online station and bring a new bundle.',
      );
  }
  const blobs = new Map<string, Buffer>();
  for (const r of s.airGapRegions) {
    blobs.set(
      r.region,
      await runStep(
        s,
        'material.wrapped',
        {
          region: r.region,
          keySpec: key.keySpec,
          checkValue: material.info.checkValue.value,
          publicKeySha256: r.publicKeySha256,
        },
        () =>
          wrapKeyMaterial({
            material: material.secret,
            publicKeyDer: r.publicKey,
            algorithm: main.wrappingAlgorithm,
            keySpec: key.keySpec,
          }),
        (blob) => ({ size: blob.length, encryptedKeyMaterialSha256: sha256(blob) }),
      ),
    );
  }
  for (const r of s.airGapRegions) r.wrapped = blobs.get(r.region)!;
  return s.airGapRegions.map(regionInfo);
}

/** One EncryptedKeyMaterial of a wrapped bundle: its Region (null: the ceremony's first), file and bytes. */
export interface BundledBlob {
  region: string | null;
  /** The Region's name for messages (the first Region's too). */
  label: string;
  file: string;
  blob: Buffer;
}

/**
 * Online station, before anything is imported: each EncryptedKeyMaterial of a wrapped bundle must be the
 * one the offline station wrapped, as its signed transcript segment records it (the last ok
 * `material.wrapped` event for that Region; the first Region's carries no `region`). manifest.json is not
 * signed, so a blob and its manifest hash changed together pass the file checks but not this one.
 * `segmentText` is the segment already verified intact. @throws AppError WRAPPED_MATERIAL_MISMATCH naming
 * the Region and file; nothing is imported.
 */
export function checkWrappedAgainstOfflineTranscript(segmentText: string, blobs: BundledBlob[]): void {
  const recorded = new Map<string | null, string>();
  for (const line of segmentText.split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as { action?: string; result?: string; details?: Record<string, unknown> };
    const hash = event.details?.encryptedKeyMaterialSha256;
    if (event.action !== 'material.wrapped' || event.result !== 'ok' || typeof hash !== 'string') continue;
    const region = event.details?.region;
    recorded.set(typeof region === 'string' ? region : null, hash);
  }
  for (const b of blobs) {
    const expected = recorded.get(b.region);
    const actual = sha256(b.blob);
    if (expected === actual) continue;
    throw new AppError(
      'WRAPPED_MATERIAL_MISMATCH',
      expected
        ? `${b.file} for ${b.label} (SHA-256 ${actual}) is not the EncryptedKeyMaterial the offline station wrapped for ${b.label}: its signed transcript records SHA-256 ${expected}.`
        : `The offline station's signed transcript records no wrap for ${b.label}, so ${b.file} cannot be checked.`,
      'Nothing was imported in any Region. Do not use this bundle: copy the wrapped bundle again from the offline station, compare its SHA-256 values with a witness, and resume.',
    );
  }
}

/** The other Regions' parameters as a script keeps them across the gap (tokens included; pending.ts). */
export function savedOtherRegions(s: CeremonyState) {
  return s.airGapRegions.map((r) => ({
    region: r.region,
    keyArn: r.keyArn,
    publicKey: r.publicKey.toString('base64'),
    importToken: r.importToken!.toString('base64'),
    publicKeySha256: r.publicKeySha256,
    parametersValidTo: r.validTo.toISOString(),
  }));
}

/** Online station resuming at the gap: the other Regions' saved parameters (tokens included). */
export async function restoreOtherRegions(
  s: CeremonyState,
  saved: ReturnType<typeof savedOtherRegions>,
): Promise<AirGapRegionInfo[]> {
  const { wrappingAlgorithm } = requireFreshParameters(s);
  const restored = saved.map((r) => {
    const token = Buffer.from(r.importToken, 'base64');
    return entry(
      r.region,
      r.keyArn,
      wrappingAlgorithm,
      parseWrappingPublicKey(Buffer.from(r.publicKey, 'base64')).der,
      { importToken: token, importTokenSha256: sha256(token) },
      new Date(r.parametersValidTo),
    );
  });
  s.airGapRegions = restored;
  await requireLog(s).record({
    action: 'parameters.restored',
    result: 'info',
    keyArn: s.key?.arn || null,
    details: { regions: restored.map((r) => `${r.region} ${r.publicKeySha256}`) },
  });
  return restored.map(regionInfo);
}

/**
 * Online station, after the first Region's import from the wrapped bundle: makes `region` the one the
 * steps act in (./regions.ts useRegion), with its saved parameters and its EncryptedKeyMaterial from the
 * bundle, ready for the usual approval, import and Region proof.
 * @throws AppError UNKNOWN_REGION, NOT_WRAPPED.
 */
export async function useAirGapRegion(s: CeremonyState, region: string) {
  const r = find(s, region);
  if (!r.wrapped || !r.importToken)
    throw new AppError(
      'NOT_WRAPPED',
      `There is no wrapped material (or no import token) for ${region} on this station.`,
      'Load the wrapped bundle made from this ceremony’s parameters bundle first.',
    );
  const key = await useRegion(s, region);
  setParameters(s, {
    keyId: key.keyId,
    wrappingAlgorithm: r.wrappingAlgorithm,
    wrappingKeySpec: parseWrappingPublicKey(r.publicKey).wrappingKeySpec,
    publicKeyDer: r.publicKey,
    importToken: r.importToken,
    validTo: r.validTo,
  });
  s.wrapped = {
    blob: r.wrapped,
    info: {
      wrappingAlgorithm: s.params!.info.wrappingAlgorithm,
      wrappingKeySpec: s.params!.info.wrappingKeySpec,
      size: r.wrapped.length,
      sha256: sha256(r.wrapped),
    },
    offlineCheckValue: r.offlineCheckValue,
  };
  return key;
}
