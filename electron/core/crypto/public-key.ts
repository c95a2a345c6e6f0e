import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import { decodeBase64, isAsciiText, pemBlocks } from './encoding';
import type { WrappingKeySpec } from './kms-types';

/**
 * The wrapping public key as people bring it: DER SubjectPublicKeyInfo (what GetParametersForImport returns and
 * the console downloads), base64 of that DER (what `aws kms get-parameters-for-import` prints), or PEM.
 */
export interface WrappingPublicKey {
  der: Buffer; // SPKI DER, re-encoded canonically
  wrappingKeySpec: WrappingKeySpec;
  formatFound: 'der' | 'pem' | 'base64';
  sha256Hex: string; // lower-case hex SHA-256 of `der`
}

const SPEC_BY_BITS: Record<number, WrappingKeySpec> = {
  2048: 'RSA_2048',
  3072: 'RSA_3072',
  4096: 'RSA_4096',
};

export function parseWrappingPublicKey(input: Buffer): WrappingPublicKey {
  const { key, formatFound } = readKey(input);
  if (key.asymmetricKeyType !== 'rsa') {
    throw new AppError(
      'BAD_PUBLIC_KEY',
      `The wrapping public key is an ${(key.asymmetricKeyType ?? 'unknown').toUpperCase()} key; KMS wrapping keys are RSA (SM2 in China Regions, not supported yet).`,
      'Use the PublicKey returned by GetParametersForImport (WrappingPublicKey.bin).',
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  const wrappingKeySpec = SPEC_BY_BITS[bits];
  if (!wrappingKeySpec) {
    throw new AppError(
      'BAD_PUBLIC_KEY',
      `The wrapping public key is RSA-${bits}; KMS wrapping keys are RSA_2048, RSA_3072 or RSA_4096.`,
      'Use the PublicKey returned by GetParametersForImport (WrappingPublicKey.bin).',
    );
  }
  const der = key.export({ type: 'spki', format: 'der' });
  return { der, wrappingKeySpec, formatFound, sha256Hex: createHash('sha256').update(der).digest('hex') };
}

function readKey(input: Buffer): { key: KeyObject; formatFound: WrappingPublicKey['formatFound'] } {
  const blocks = pemBlocks(input);
  if (blocks.length > 0) {
    const block = blocks.find((b) => b.label === 'PUBLIC KEY' || b.label === 'RSA PUBLIC KEY');
    if (!block) {
      throw new AppError(
        'BAD_PUBLIC_KEY',
        `This PEM file holds "${blocks.map((b) => b.label).join('", "')}", not a public key.`,
        block === undefined && blocks.some((b) => b.label.includes('PRIVATE'))
          ? 'Never handle the wrapping private key: use the PublicKey from GetParametersForImport.'
          : 'Use the PublicKey returned by GetParametersForImport.',
      );
    }
    const type = block.label === 'PUBLIC KEY' ? 'spki' : 'pkcs1';
    return { key: toKey(block.der, type), formatFound: 'pem' };
  }
  if (isAsciiText(input)) {
    const der = decodeBase64(input);
    if (der) return { key: toKey(der, 'spki'), formatFound: 'base64' };
    throw new AppError(
      'BAD_PUBLIC_KEY',
      'The wrapping public key file is text but neither PEM nor base64.',
      'Pass WrappingPublicKey.bin (DER), its base64 as printed by the AWS CLI, or a PEM "PUBLIC KEY".',
    );
  }
  return { key: toKey(input, 'spki'), formatFound: 'der' };
}

function toKey(der: Buffer, type: 'spki' | 'pkcs1'): KeyObject {
  try {
    return createPublicKey({ key: der, format: 'der', type });
  } catch {
    throw new AppError(
      'BAD_PUBLIC_KEY',
      `The wrapping public key (${der.length} bytes) is not a valid DER SubjectPublicKeyInfo.`,
      'Use the PublicKey from GetParametersForImport unchanged; if the CLI printed it, save the base64 text as is.',
    );
  }
}
