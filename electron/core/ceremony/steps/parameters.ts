/** Step Parameters: GetParametersForImport, or the saved parameters of a scripted ceremony resuming at the gap. */
import {
  checkImportCompatibility,
  isWrappingAlgorithm,
  isWrappingKeySpec,
  parseWrappingPublicKey,
} from '../../crypto';
import { AppError } from '../../errors';
import type { ImportParameters } from '../../../shared/ipc-contract';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import { gateway, kmsIntent, requireKey, runStep, setParameters, type CeremonyState } from '../state';
import { parametersDetails } from '../transcript-details';
import { describeKey } from './key';

export async function getImportParameters(
  s: CeremonyState,
  wrappingAlgorithm: string,
  wrappingKeySpec: string,
): Promise<ImportParameters> {
  enforce(policyFacts(s), 'parameters.get');
  const key = requireKey(s);
  if (!isWrappingAlgorithm(wrappingAlgorithm) || !isWrappingKeySpec(wrappingKeySpec)) {
    throw new AppError(
      'BAD_WRAPPING',
      `Unknown wrapping algorithm or wrapping key spec: ${wrappingAlgorithm} / ${wrappingKeySpec}.`,
      'Pick them from the lists.',
    );
  }
  const compatibility = checkImportCompatibility(key.keySpec, wrappingAlgorithm, wrappingKeySpec);
  if (!compatibility.allowed) {
    throw new AppError(
      'INCOMPATIBLE',
      `${wrappingAlgorithm} with ${wrappingKeySpec} cannot import ${key.keySpec} material: ${compatibility.reason}`,
      'Pick a combination the list allows; the recommended one is preselected.',
    );
  }
  const gw = gateway(s);
  const details = { keySpec: key.keySpec, wrappingAlgorithm, wrappingKeySpec };
  await kmsIntent(s, 'GetParametersForImport', details);
  return runStep(
    s,
    'parameters.fetched',
    details,
    async () => {
      const raw = await gw.getParametersForImport(key.keyId, wrappingAlgorithm, wrappingKeySpec);
      const publicKey = parseWrappingPublicKey(raw.publicKey);
      if (publicKey.wrappingKeySpec !== wrappingKeySpec) {
        throw new AppError(
          'WRONG_WRAPPING_KEY',
          `KMS returned a ${publicKey.wrappingKeySpec} wrapping key, but ${wrappingKeySpec} was requested.`,
          'Get import parameters again; if it repeats, stop the ceremony and investigate.',
        );
      }
      setParameters(s, {
        keyId: key.keyId,
        wrappingAlgorithm,
        wrappingKeySpec,
        publicKeyDer: publicKey.der,
        importToken: raw.importToken,
        validTo: raw.parametersValidTo,
      });
      return s.params!.info;
    },
    parametersDetails,
  );
}

/**
 * The saved import parameters of this online station (public key, token, validity), for a scripted
 * ceremony that stopped at the air gap and resumes with the wrapped bundle. The key is described afresh.
 */
export async function restoreParameters(
  s: CeremonyState,
  saved: {
    keyId: string;
    wrappingAlgorithm: string;
    wrappingKeySpec: string;
    publicKey: Buffer;
    importToken: Buffer;
    parametersValidTo: string;
  },
): Promise<ImportParameters> {
  if (!isWrappingAlgorithm(saved.wrappingAlgorithm)) {
    throw new AppError(
      'BAD_WRAPPING',
      `Unknown wrapping algorithm ${saved.wrappingAlgorithm}.`,
      'Check the saved parameters.',
    );
  }
  await describeKey(s, saved.keyId);
  const publicKey = parseWrappingPublicKey(saved.publicKey);
  setParameters(s, {
    keyId: requireKey(s).keyId,
    wrappingAlgorithm: saved.wrappingAlgorithm,
    wrappingKeySpec: publicKey.wrappingKeySpec,
    publicKeyDer: publicKey.der,
    importToken: saved.importToken,
    validTo: new Date(saved.parametersValidTo),
  });
  await s.log?.record({
    action: 'parameters.restored',
    result: 'info',
    keyArn: s.key?.arn || null,
    details: parametersDetails(s.params!.info),
  });
  return s.params!.info;
}

/** The online station's import parameters as they must be kept across the gap (the token included). */
export function savedParameters(s: CeremonyState) {
  const p = s.params;
  if (!p?.importToken) return null;
  return {
    keyId: p.info.keyId,
    wrappingAlgorithm: p.info.wrappingAlgorithm,
    wrappingKeySpec: p.info.wrappingKeySpec,
    publicKey: p.publicKey,
    importToken: p.importToken,
    parametersValidTo: p.info.parametersValidTo,
  };
}
