/**
 * The vocabulary of KMS import (spec §1.0 and §2): key specs, wrapping algorithms, wrapping key specs,
 * and one row of facts per key spec. Everything else in the crypto core reads these tables.
 */

export const KEY_SPECS = [
  'SYMMETRIC_DEFAULT',
  'HMAC_224',
  'HMAC_256',
  'HMAC_384',
  'HMAC_512',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'ECC_NIST_EDWARDS25519',
  // In the KMS enum but not importable here: SM2 (China Regions only), ML-DSA (KMS refuses EXTERNAL origin).
  'SM2',
  'ML_DSA_44',
  'ML_DSA_65',
  'ML_DSA_87',
] as const;
export type KeySpec = (typeof KEY_SPECS)[number];

export const WRAPPING_ALGORITHMS = [
  'RSAES_OAEP_SHA_1',
  'RSAES_OAEP_SHA_256',
  'RSA_AES_KEY_WRAP_SHA_1',
  'RSA_AES_KEY_WRAP_SHA_256',
  'RSAES_PKCS1_V1_5',
  'SM2PKE',
] as const;
export type WrappingAlgorithm = (typeof WRAPPING_ALGORITHMS)[number];

export const WRAPPING_KEY_SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2'] as const;
export type WrappingKeySpec = (typeof WRAPPING_KEY_SPECS)[number];

export type KeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';

/** What the material of a key spec is, as the crypto core needs to know it. */
export type MaterialShape =
  | { kind: 'symmetric'; bytes: number }
  | { kind: 'hmac'; bytes: number; hash: 'sha224' | 'sha256' | 'sha384' | 'sha512' }
  | { kind: 'rsa'; modulusBits: number }
  | {
      kind: 'ec';
      curve: 'prime256v1' | 'secp384r1' | 'secp521r1' | 'secp256k1';
      curveOid: string;
      scalarBytes: number;
    }
  | { kind: 'ed25519' }
  | { kind: 'unsupported'; reason: string };

export interface KeySpecInfo {
  usages: KeyUsage[];
  material: MaterialShape;
}

const SM2_REASON = 'SM2 keys exist only in AWS China Regions — not supported yet.';
const ML_DSA_REASON =
  "KMS can't import key material for ML-DSA keys (CreateKey with Origin=EXTERNAL is refused).";

/** One row per key spec (spec §1.2 usages, §2.1 material format and exact sizes). */
export const KEY_SPEC_INFO: Record<KeySpec, KeySpecInfo> = {
  SYMMETRIC_DEFAULT: { usages: ['ENCRYPT_DECRYPT'], material: { kind: 'symmetric', bytes: 32 } },
  HMAC_224: { usages: ['GENERATE_VERIFY_MAC'], material: { kind: 'hmac', bytes: 28, hash: 'sha224' } },
  HMAC_256: { usages: ['GENERATE_VERIFY_MAC'], material: { kind: 'hmac', bytes: 32, hash: 'sha256' } },
  HMAC_384: { usages: ['GENERATE_VERIFY_MAC'], material: { kind: 'hmac', bytes: 48, hash: 'sha384' } },
  HMAC_512: { usages: ['GENERATE_VERIFY_MAC'], material: { kind: 'hmac', bytes: 64, hash: 'sha512' } },
  RSA_2048: { usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'], material: { kind: 'rsa', modulusBits: 2048 } },
  RSA_3072: { usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'], material: { kind: 'rsa', modulusBits: 3072 } },
  RSA_4096: { usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'], material: { kind: 'rsa', modulusBits: 4096 } },
  ECC_NIST_P256: {
    usages: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
    material: { kind: 'ec', curve: 'prime256v1', curveOid: '1.2.840.10045.3.1.7', scalarBytes: 32 },
  },
  ECC_NIST_P384: {
    usages: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
    material: { kind: 'ec', curve: 'secp384r1', curveOid: '1.3.132.0.34', scalarBytes: 48 },
  },
  ECC_NIST_P521: {
    usages: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
    material: { kind: 'ec', curve: 'secp521r1', curveOid: '1.3.132.0.35', scalarBytes: 66 },
  },
  ECC_SECG_P256K1: {
    usages: ['SIGN_VERIFY'],
    material: { kind: 'ec', curve: 'secp256k1', curveOid: '1.3.132.0.10', scalarBytes: 32 },
  },
  ECC_NIST_EDWARDS25519: { usages: ['SIGN_VERIFY'], material: { kind: 'ed25519' } },
  SM2: {
    usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'],
    material: { kind: 'unsupported', reason: SM2_REASON },
  },
  ML_DSA_44: { usages: ['SIGN_VERIFY'], material: { kind: 'unsupported', reason: ML_DSA_REASON } },
  ML_DSA_65: { usages: ['SIGN_VERIFY'], material: { kind: 'unsupported', reason: ML_DSA_REASON } },
  ML_DSA_87: { usages: ['SIGN_VERIFY'], material: { kind: 'unsupported', reason: ML_DSA_REASON } },
};

/** The key specs whose material this app can generate, load, validate and wrap. */
export const IMPORTABLE_KEY_SPECS: readonly KeySpec[] = KEY_SPECS.filter(
  (spec) => KEY_SPEC_INFO[spec].material.kind !== 'unsupported',
);

export function keyUsagesFor(keySpec: KeySpec): KeyUsage[] {
  return [...KEY_SPEC_INFO[keySpec].usages];
}

export function isKeySpec(value: string): value is KeySpec {
  return (KEY_SPECS as readonly string[]).includes(value);
}
export function isWrappingAlgorithm(value: string): value is WrappingAlgorithm {
  return (WRAPPING_ALGORITHMS as readonly string[]).includes(value);
}
export function isWrappingKeySpec(value: string): value is WrappingKeySpec {
  return (WRAPPING_KEY_SPECS as readonly string[]).includes(value);
}
