/** Step Wrap: wraps the material under the wrapping public key; saves the three files the AWS CLI names. */
import { wrapKeyMaterial } from '../../crypto';
import { AppError } from '../../errors';
import type { WrappedInfo } from '../../../shared/ipc-contract';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import { requireFreshParameters, requireKey, runStep, sha256, type CeremonyState } from '../state';
import { writeAllOrNone } from '../write-files';

export async function wrap(s: CeremonyState): Promise<WrappedInfo> {
  enforce(policyFacts(s), 'wrap');
  const key = requireKey(s);
  const params = requireFreshParameters(s);
  const material = s.material;
  if (!material)
    throw new AppError(
      'NO_MATERIAL',
      'There is no key material yet.',
      'Generate or load key material first.',
    );
  return runStep(
    s,
    'material.wrapped',
    {
      keySpec: key.keySpec,
      checkValue: material.info.checkValue.value,
      publicKeySha256: params.info.publicKey.sha256,
    },
    () => {
      const blob = wrapKeyMaterial({
        material: material.secret,
        publicKeyDer: params.publicKey,
        algorithm: params.wrappingAlgorithm,
        keySpec: key.keySpec,
      });
      const info: WrappedInfo = {
        wrappingAlgorithm: params.info.wrappingAlgorithm,
        wrappingKeySpec: params.info.wrappingKeySpec,
        size: blob.length,
        sha256: sha256(blob),
      };
      s.wrapped = { blob, info, offlineCheckValue: null };
      return info;
    },
    (w) => ({ wrappingAlgorithm: w.wrappingAlgorithm, size: w.size, encryptedKeyMaterialSha256: w.sha256 }),
  );
}

/** Writes the three files the AWS console and CLI name; never overwrites. None of them is key material. */
export async function saveImportFiles(
  s: CeremonyState,
  folder: string,
): Promise<{ folder: string; files: { name: string; size: number; sha256: string }[] }> {
  const params = s.params;
  const wrapped = s.wrapped;
  if (!params || !wrapped)
    throw new AppError('NOT_WRAPPED', 'Nothing is wrapped yet.', 'Wrap the key material first.');
  const files: [string, Buffer][] = [
    ['EncryptedKeyMaterial.bin', wrapped.blob],
    ...(params.importToken ? [['ImportToken.bin', params.importToken] as [string, Buffer]] : []),
    ['WrappingPublicKey.bin', params.publicKey],
  ];
  return runStep(
    s,
    'files.saved',
    { folder },
    async () => {
      await writeAllOrNone(folder, files);
      return {
        folder,
        files: files.map(([name, data]) => ({ name, size: data.length, sha256: sha256(data) })),
      };
    },
    (r) => ({ files: r.files.map((f) => `${f.name} ${f.size} bytes sha256 ${f.sha256}`) }),
  );
}
