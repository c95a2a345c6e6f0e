import type { KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import { unwrapWith } from './constructions';
import type { WrappingAlgorithm } from './kms-types';
import type { Secret } from './secret';

export interface UnwrapArgs {
  blob: Buffer;
  privateKey: KeyObject;
  algorithm: WrappingAlgorithm;
}

/**
 * The KMS side of the import (for the emulator and self-tests): recovers the material from EncryptedKeyMaterial.
 * Any decryption or integrity failure (bit flips, wrong hash, truncation) is AppError('UNWRAP_FAILED').
 */
export function unwrapKeyMaterial(args: UnwrapArgs): Secret {
  if (args.privateKey.type !== 'private' || args.privateKey.asymmetricKeyType !== 'rsa') {
    throw new AppError(
      'UNWRAP_FAILED',
      `Unwrap needs an RSA private key; got a ${args.privateKey.asymmetricKeyType ?? ''} ${args.privateKey.type} key.`,
      'Pass the wrapping private key that belongs to the public key used for wrapping.',
    );
  }
  return unwrapWith(args.algorithm, args.privateKey, args.blob);
}
