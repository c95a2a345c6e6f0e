/** The air gap: parameters bundle (online → offline) and wrapped bundle (offline → online). */
import path from 'node:path';
import { FILES, readWrappedBundle, writeParametersBundle, writeWrappedBundle } from '../../bundles';
import { AppError } from '../../errors';
import type { WrappedInfo } from '../../../shared/ipc-contract';
import { describeOfflineKey } from '../key-description';
import { readParameters, type ParametersSelection, type ReadParameters } from '../parameters-selection';
import {
  clearMaterial,
  now,
  requireFreshParameters,
  requireKey,
  requireLog,
  runStep,
  selectKey,
  setParameters,
  type CeremonyState,
} from '../state';
import { bundleReadDetails } from '../transcript-details';
import { applyOtherRegions, checkWrappedAgainstOfflineTranscript } from '../multi-region/air-gap-regions';

/** Online station: writes the parameters bundle (public key + manifest; the token stays here). */
export async function exportParametersBundle(s: CeremonyState, folder: string) {
  const key = requireKey(s);
  const params = s.params;
  const log = requireLog(s);
  if (!params?.importToken)
    throw new AppError(
      'NO_PARAMETERS',
      'There are no import parameters yet.',
      'Get import parameters first.',
    );
  // The bundle names one wrapping algorithm for every Region: each Region's token must have been issued for it.
  const stale = s.airGapRegions.filter((r) => r.wrappingAlgorithm !== params.wrappingAlgorithm);
  if (stale.length)
    throw new AppError(
      'BUNDLE_MISMATCH',
      `The parameters of ${stale.map((r) => `${r.region} (${r.wrappingAlgorithm})`).join(', ')} were fetched for another wrapping algorithm than ${params.wrappingAlgorithm}, which this key's parameters now use.`,
      'Fetch the other Regions’ parameters again, then write the bundle; nothing was written.',
    );
  const target = path.join(folder, `${log.info().ceremonyId}-parameters`);
  return runStep(
    s,
    'bundle.written',
    { kind: 'parameters', path: target },
    () =>
      writeParametersBundle(target, {
        ceremonyId: log.info().ceremonyId,
        keyArn: key.arn,
        keySpec: key.keySpec,
        wrappingAlgorithm: params.wrappingAlgorithm,
        wrappingKeySpec: params.info.wrappingKeySpec as never,
        parametersValidTo: params.validTo,
        publicKey: params.publicKey,
        importToken: params.importToken!,
        onlineStationKeyId: log.info().stationKeyId,
        ...(s.airGapRegions.length
          ? {
              otherRegions: s.airGapRegions.map((r) => ({
                region: r.region,
                keyArn: r.keyArn,
                parametersValidTo: r.validTo,
                publicKey: r.publicKey,
                importToken: r.importToken!,
              })),
            }
          : {}),
      }),
    (b) => ({
      files: b.files.map((f) => `${f.name} ${f.size} bytes sha256 ${f.sha256}`),
      publicKeySha256: params.info.publicKey.sha256,
    }),
  );
}

/** Offline station: reads a parameters bundle, a console download or CLI JSON; shows every fix made. */
export async function loadParametersBundle(s: CeremonyState, selection: ParametersSelection) {
  const log = requireLog(s);
  return runStep(
    s,
    'bundle.read',
    { kind: 'parameters', path: selection.path },
    async () => {
      const read = await readParameters(selection);
      const joined = read.input.ceremonyId;
      if (joined && joined !== log.info().ceremonyId) {
        throw new AppError(
          'BUNDLE_MISMATCH',
          `This parameters bundle belongs to ceremony ${joined}, not to ${log.info().ceremonyId}.`,
          'Use the bundle the online station wrote for this ceremony, or start a new ceremony from it.',
        );
      }
      return applyParameters(s, read);
    },
    bundleReadDetails,
  );
}

export function applyParameters(s: CeremonyState, { input, keySpec, wrappingAlgorithm }: ReadParameters) {
  const arn = input.keyArn ?? (input.keyId ? `key/${input.keyId}` : 'unknown key');
  selectKey(s, describeOfflineKey(arn, keySpec));
  setParameters(s, {
    keyId: arn,
    wrappingAlgorithm,
    wrappingKeySpec: input.wrappingKeySpec,
    publicKeyDer: input.publicKey,
    importToken: null,
    importTokenSha256: input.importTokenSha256,
    validTo: new Date(input.parametersValidTo!),
  });
  const fixes = input.files.flatMap((f) =>
    f.fixes.map((fix) => ({ file: f.name, what: fix.what, before: fix.before, after: fix.after })),
  );
  applyOtherRegions(s, wrappingAlgorithm, input.otherRegions);
  const warnings = input.otherRegions.length
    ? [
        ...input.warnings,
        `This bundle also carries the import parameters of ${input.otherRegions.map((r) => r.region).join(', ')} (a multi-Region key): each Region's fingerprint is confirmed and the material wrapped for every Region. The app's screens wrap for ${arn.split(':')[3] ?? 'the first Region'} only so far; run the offline script (kms-ceremony run, see the README) to wrap for every Region.`,
      ]
    : input.warnings;
  s.parametersSource = { source: input.source, fixes, warnings };
  return {
    source: input.source,
    parameters: s.params!.info,
    keyArn: arn,
    keySpec,
    fixes,
    warnings,
  };
}

/** Offline station: writes the wrapped bundle with the check value and this station's transcript so far. */
export async function exportWrappedBundle(s: CeremonyState, folder: string) {
  const key = requireKey(s);
  const log = requireLog(s);
  const params = requireFreshParameters(s);
  const wrapped = s.wrapped;
  const material = s.material;
  if (!wrapped || !material)
    throw new AppError('NOT_WRAPPED', 'Nothing is wrapped yet.', 'Wrap the key material first.');
  const unwrapped = s.airGapRegions.filter((r) => !r.wrapped).map((r) => r.region);
  if (unwrapped.length)
    throw new AppError(
      'NOT_WRAPPED',
      `The material is not yet wrapped for ${unwrapped.join(', ')}, which the parameters bundle also carries.`,
      'Confirm each Region’s fingerprint and wrap for every Region first; the wrapped bundle carries them all.',
    );
  const target = path.join(folder, `${log.info().ceremonyId}-wrapped`);
  const segment = await log.text();
  const cv = material.info.checkValue;
  return runStep(
    s,
    'bundle.written',
    {
      kind: 'wrapped',
      path: target,
      encryptedKeyMaterialSha256: wrapped.info.sha256,
      checkValue: cv.value,
    },
    () =>
      writeWrappedBundle(target, {
        ceremonyId: log.info().ceremonyId,
        keyArn: key.arn.startsWith('arn:') ? key.arn : null,
        keySpec: key.keySpec,
        wrappingAlgorithm: params.wrappingAlgorithm,
        wrappingKeySpec: params.info.wrappingKeySpec as never,
        parametersValidTo: params.validTo,
        publicKey: params.publicKey,
        importTokenSha256: params.info.importTokenSha256 || null,
        encryptedKeyMaterial: wrapped.blob,
        checkValue: {
          kind: cv.kind as 'AES-CMAC',
          value: cv.value,
          ...(cv.legacyEcbKcv ? { legacyEcbKcv: cv.legacyEcbKcv } : {}),
        },
        transcriptSegment: segment,
        ...(s.airGapRegions.length
          ? {
              otherRegions: s.airGapRegions.map((r) => ({
                region: r.region,
                keyArn: r.keyArn,
                parametersValidTo: r.validTo,
                publicKey: r.publicKey,
                importTokenSha256: r.importTokenSha256 || null,
                encryptedKeyMaterial: r.wrapped!,
              })),
            }
          : {}),
      }),
    (b) => ({ files: b.files.map((f) => `${f.name} ${f.size} bytes sha256 ${f.sha256}`) }),
  );
}

/** Online station: accepts a wrapped bundle only for its own, unexpired parameters, and merges the offline transcript. */
export async function loadWrappedBundle(
  s: CeremonyState,
  input: string,
): Promise<WrappedInfo & { checkValue: { kind: string; value: string }; offlineEvents: number }> {
  const key = requireKey(s);
  const params = requireFreshParameters(s);
  const log = requireLog(s);
  return runStep(
    s,
    'bundle.read',
    { kind: 'wrapped', path: input },
    async () => {
      const bundle = await readWrappedBundle(input, {
        expectedPublicKeySha256: params.info.publicKey.sha256,
        expectedImportTokenSha256: params.info.importTokenSha256 || null,
        now: now(s),
        otherRegions: s.airGapRegions.map((r) => ({
          region: r.region,
          publicKeySha256: r.publicKeySha256,
          importTokenSha256: r.importTokenSha256 || null,
          parametersValidTo: r.validTo.toISOString(),
        })),
      });
      if (bundle.manifest.keySpec !== key.keySpec) {
        throw new AppError(
          'BUNDLE_MISMATCH',
          `The wrapped bundle holds ${bundle.manifest.keySpec} material, but this key is ${key.keySpec}.`,
          'Use the bundle made for this key.',
        );
      }
      // Each blob against the hash the offline station signed, before the segment is merged or anything imported.
      checkWrappedAgainstOfflineTranscript(bundle.transcriptSegment, [
        {
          region: null,
          label: s.conn?.region ?? key.arn.split(':')[3] ?? 'the key’s Region',
          file: FILES.encryptedKeyMaterial,
          blob: bundle.encryptedKeyMaterial,
        },
        ...bundle.otherRegions.map((r) => ({
          region: r.region,
          label: r.region,
          file:
            bundle.manifest.otherRegions?.find((m) => m.region === r.region)?.encryptedKeyMaterial.file ??
            FILES.encryptedKeyMaterial,
          blob: r.encryptedKeyMaterial,
        })),
      ]);
      await log.mergeSegment(bundle.transcriptSegment, {
        encryptedKeyMaterialSha256: bundle.manifest.encryptedKeyMaterial.sha256,
      });
      const info: WrappedInfo = {
        wrappingAlgorithm: bundle.manifest.wrappingAlgorithm,
        wrappingKeySpec: bundle.manifest.wrappingKeySpec,
        size: bundle.encryptedKeyMaterial.length,
        sha256: bundle.manifest.encryptedKeyMaterial.sha256,
      };
      clearMaterial(s);
      s.wrapped = {
        blob: bundle.encryptedKeyMaterial,
        info,
        offlineCheckValue: bundle.manifest.checkValue,
      };
      for (const r of bundle.otherRegions) {
        const held = s.airGapRegions.find((x) => x.region === r.region)!;
        held.wrapped = r.encryptedKeyMaterial;
        held.offlineCheckValue = bundle.manifest.checkValue;
      }
      return {
        ...info,
        checkValue: { kind: bundle.manifest.checkValue.kind, value: bundle.manifest.checkValue.value },
        offlineEvents: bundle.segment.events,
      };
    },
    (w) => ({
      encryptedKeyMaterialSha256: w.sha256,
      checkValue: w.checkValue.value,
      offlineEvents: w.offlineEvents,
    }),
  );
}
