import type { KeySpec } from '../crypto';

/**
 * What KMS allows and advertises per KeySpec (spec §1.1, §1.2): the KeyUsage values CreateKey accepts, and the
 * algorithm lists DescribeKey/GetPublicKey show for each usage. One row per KeySpec; `importable: false`
 * rows are refused for Origin=EXTERNAL, `region` rows exist only in China Regions.
 */
export type KeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';

export interface KeySpecRow {
  usages: KeyUsage[];
  family: 'symmetric' | 'hmac' | 'rsa' | 'ec' | 'ed25519' | 'sm2' | 'ml-dsa';
  encryptionAlgorithms?: string[];
  signingAlgorithms?: string[];
  macAlgorithms?: string[];
  keyAgreementAlgorithms?: string[];
  /** Node's name for the curve / digest / modulus size, used by the emulator's own crypto. */
  curve?: string;
  modulusBits?: number;
  hmacBytes?: number;
  hmacDigest?: string;
  importable: boolean;
  /** Not available in this emulator's (non-China) Regions; CreateKey refuses it. */
  unsupportedReason?: string;
}

const RSA_SIGNING = [
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
];
const RSA_ENCRYPTION = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];

const rsa = (bits: number): KeySpecRow => ({
  usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  family: 'rsa',
  encryptionAlgorithms: RSA_ENCRYPTION,
  signingAlgorithms: RSA_SIGNING,
  modulusBits: bits,
  importable: true,
});
const hmac = (bytes: number): KeySpecRow => ({
  usages: ['GENERATE_VERIFY_MAC'],
  family: 'hmac',
  macAlgorithms: [`HMAC_SHA_${bytes * 8}`],
  hmacBytes: bytes,
  hmacDigest: `sha${bytes * 8}`,
  importable: true,
});
const nist = (curve: string, signing: string): KeySpecRow => ({
  usages: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  family: 'ec',
  signingAlgorithms: [signing],
  keyAgreementAlgorithms: ['ECDH'],
  curve,
  importable: true,
});
const mlDsa: KeySpecRow = {
  usages: ['SIGN_VERIFY'],
  family: 'ml-dsa',
  signingAlgorithms: ['ML_DSA_SHAKE_256'],
  importable: false,
  unsupportedReason: 'ML-DSA keys are not implemented by this emulator (Node has no ML-DSA).',
};

export const KEY_SPEC_TABLE: Record<KeySpec, KeySpecRow> = {
  SYMMETRIC_DEFAULT: {
    usages: ['ENCRYPT_DECRYPT'],
    family: 'symmetric',
    encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    importable: true,
  },
  HMAC_224: hmac(28),
  HMAC_256: hmac(32),
  HMAC_384: hmac(48),
  HMAC_512: hmac(64),
  RSA_2048: rsa(2048),
  RSA_3072: rsa(3072),
  RSA_4096: rsa(4096),
  ECC_NIST_P256: nist('prime256v1', 'ECDSA_SHA_256'),
  ECC_NIST_P384: nist('secp384r1', 'ECDSA_SHA_384'),
  ECC_NIST_P521: nist('secp521r1', 'ECDSA_SHA_512'),
  ECC_SECG_P256K1: {
    usages: ['SIGN_VERIFY'],
    family: 'ec',
    signingAlgorithms: ['ECDSA_SHA_256'],
    curve: 'secp256k1',
    importable: true,
  },
  ECC_NIST_EDWARDS25519: {
    usages: ['SIGN_VERIFY'],
    family: 'ed25519',
    signingAlgorithms: ['ED25519_PH_SHA_512', 'ED25519_SHA_512'],
    importable: true,
  },
  SM2: {
    usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'],
    family: 'sm2',
    importable: true,
    unsupportedReason: 'KeySpec SM2 is available only in China Regions.',
  },
  ML_DSA_44: mlDsa,
  ML_DSA_65: mlDsa,
  ML_DSA_87: mlDsa,
} as Record<KeySpec, KeySpecRow>;

export const ALL_KEY_SPECS = Object.keys(KEY_SPEC_TABLE) as KeySpec[];

export function keySpecRow(keySpec: KeySpec): KeySpecRow {
  const row = KEY_SPEC_TABLE[keySpec];
  if (!row) throw new Error(`No KeySpec row for ${keySpec}`);
  return row;
}

/** Signing algorithm → Node digest, padding and PSS salt (salt = digest length, as KMS does). */
export const SIGNING_ALGORITHMS: Record<string, { digest: string | null; pss?: boolean; family: string }> = {
  RSASSA_PKCS1_V1_5_SHA_256: { digest: 'sha256', family: 'rsa' },
  RSASSA_PKCS1_V1_5_SHA_384: { digest: 'sha384', family: 'rsa' },
  RSASSA_PKCS1_V1_5_SHA_512: { digest: 'sha512', family: 'rsa' },
  RSASSA_PSS_SHA_256: { digest: 'sha256', pss: true, family: 'rsa' },
  RSASSA_PSS_SHA_384: { digest: 'sha384', pss: true, family: 'rsa' },
  RSASSA_PSS_SHA_512: { digest: 'sha512', pss: true, family: 'rsa' },
  ECDSA_SHA_256: { digest: 'sha256', family: 'ec' },
  ECDSA_SHA_384: { digest: 'sha384', family: 'ec' },
  ECDSA_SHA_512: { digest: 'sha512', family: 'ec' },
  ED25519_SHA_512: { digest: null, family: 'ed25519' },
};

/** Asymmetric material is PKCS#8 DER; symmetric and HMAC material is raw bytes. */
export const isAsymmetric = (keySpec: KeySpec): boolean =>
  !['symmetric', 'hmac'].includes(keySpecRow(keySpec).family);
