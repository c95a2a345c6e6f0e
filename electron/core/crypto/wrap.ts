import { createPublicKey } from 'node:crypto';
import { AppError } from '../errors';
import { checkImportCompatibility } from './compatibility';
import { wrapWith } from './constructions';
import type { KeySpec, WrappingAlgorithm } from './kms-types';
import { parseWrappingPublicKey } from './public-key';
import type { Secret } from './secret';
import { requireSelfTestsPassed } from './self-test';
import { validateMaterialForKeySpec } from './material/validate';

export interface WrapArgs {
  material: Secret;
  /** SPKI DER as GetParametersForImport returns it (PEM/base64 are accepted too). */
  publicKeyDer: Buffer;
  algorithm: WrappingAlgorithm;
  /** When given, the combination and the material are checked against the key spec first (recommended). */
  keySpec?: KeySpec;
}

/**
 * Wraps key material for ImportKeyMaterial (EncryptedKeyMaterial). Refuses while the crypto self-tests have
 * failed, refuses combinations KMS would reject, and never returns a blob KMS could not accept.
 */
export function wrapKeyMaterial(args: WrapArgs): Buffer {
  requireSelfTestsPassed();
  const publicKey = parseWrappingPublicKey(args.publicKeyDer);
  if (args.keySpec) {
    const compatibility = checkImportCompatibility(args.keySpec, args.algorithm, publicKey.wrappingKeySpec);
    if (!compatibility.allowed) {
      throw new AppError(
        'INCOMPATIBLE',
        `${args.algorithm} with a ${publicKey.wrappingKeySpec} wrapping key cannot import ${args.keySpec} material: ${compatibility.reason}`,
        'Request new import parameters with a compatible wrapping algorithm and wrapping key spec.',
      );
    }
    const validity = validateMaterialForKeySpec(args.keySpec, args.material);
    if (!validity.ok)
      throw new AppError('BAD_MATERIAL', validity.reason, 'Check the key material file and key spec.');
  }
  const key = createPublicKey({ key: publicKey.der, format: 'der', type: 'spki' });
  return args.material.use((bytes) => wrapWith(args.algorithm, key, bytes));
}
