import {
  KEY_SPECS,
  WRAPPING_ALGORITHMS,
  WRAPPING_KEY_SPECS,
  type KeySpec,
  type WrappingAlgorithm,
  type WrappingKeySpec,
} from './kms-types';

/**
 * Spec §2.1 as ONE table: KeySpec × wrapping algorithm × wrapping key spec → allowed, or why not.
 * The UI (what to offer), the CLI (what to refuse) and the emulator (GetParametersForImport
 * ValidationException) all read COMPATIBILITY_TABLE; nothing else decides compatibility.
 */
export type Compatibility = { allowed: true } | { allowed: false; reason: string };

/** Why a cell is ✗, as a sentence for people. Keys are the letters used in ROWS below. */
const REASONS = {
  PKCS1: 'KMS stopped accepting RSAES_PKCS1_V1_5 on 2023-10-10; choose RSAES_OAEP_SHA_256 instead.',
  SM2PKE: 'SM2PKE is China Regions only — not supported yet.',
  SM2SPEC: 'The SM2 wrapping key spec is China Regions only — not supported yet.',
  AES_FOR_SMALL:
    'KMS accepts only RSAES_OAEP_SHA_256 or RSAES_OAEP_SHA_1 for symmetric and HMAC material ' +
    '(it rejects RSA_AES_KEY_WRAP_* for these key specs); choose RSAES_OAEP_SHA_256.',
  RSA_NEEDS_AES:
    'An RSA private key (PKCS#8) is too large for RSA-OAEP alone; KMS requires RSA_AES_KEY_WRAP_SHA_256 ' +
    '(or RSA_AES_KEY_WRAP_SHA_1) for RSA key material.',
  P521_2048:
    'KMS refuses RSAES_OAEP_* with an RSA_2048 wrapping key for ECC_NIST_P521 (the 241-byte PKCS#8 key ' +
    'exceeds what RSA-2048 OAEP can carry); choose RSA_3072 or RSA_4096, or RSA_AES_KEY_WRAP_SHA_256.',
  ED_2048:
    'KMS refuses RSAES_OAEP_* with an RSA_2048 wrapping key for ECC_NIST_EDWARDS25519 (observed on real AWS); ' +
    'choose RSA_3072 or RSA_4096.',
} as const;

const NOT_IMPORTABLE: Partial<Record<KeySpec, string>> = {
  SM2: 'SM2 key material can be imported only in AWS China Regions — not supported yet.',
  ML_DSA_44: "KMS can't import key material for ML-DSA keys.",
  ML_DSA_65: "KMS can't import key material for ML-DSA keys.",
  ML_DSA_87: "KMS can't import key material for ML-DSA keys.",
};

type Cell = 'Y' | keyof typeof REASONS;
/** Cells for wrapping key specs RSA_2048, RSA_3072, RSA_4096 (SM2 is handled by the SM2 rules). */
type RsaCells = readonly [Cell, Cell, Cell];
type Row = Record<
  'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256',
  RsaCells
>;

const ALL: RsaCells = ['Y', 'Y', 'Y'];
const SMALL: Row = {
  RSAES_OAEP_SHA_1: ALL,
  RSAES_OAEP_SHA_256: ALL,
  RSA_AES_KEY_WRAP_SHA_1: ['AES_FOR_SMALL', 'AES_FOR_SMALL', 'AES_FOR_SMALL'],
  RSA_AES_KEY_WRAP_SHA_256: ['AES_FOR_SMALL', 'AES_FOR_SMALL', 'AES_FOR_SMALL'],
};
const RSA: Row = {
  RSAES_OAEP_SHA_1: ['RSA_NEEDS_AES', 'RSA_NEEDS_AES', 'RSA_NEEDS_AES'],
  RSAES_OAEP_SHA_256: ['RSA_NEEDS_AES', 'RSA_NEEDS_AES', 'RSA_NEEDS_AES'],
  RSA_AES_KEY_WRAP_SHA_1: ALL,
  RSA_AES_KEY_WRAP_SHA_256: ALL,
};
const ECC: Row = {
  RSAES_OAEP_SHA_1: ALL,
  RSAES_OAEP_SHA_256: ALL,
  RSA_AES_KEY_WRAP_SHA_1: ALL,
  RSA_AES_KEY_WRAP_SHA_256: ALL,
};

/**
 * The rows of spec §2.1. Cells marked "?" in the spec are decided by the AWS documentation table for their
 * family (Ed25519 is "Asymmetric elliptic curve"); its OAEP_SHA_1 × RSA_2048 follows the observed SHA_256 refusal.
 */
const ROWS: Partial<Record<KeySpec, Row>> = {
  SYMMETRIC_DEFAULT: SMALL,
  HMAC_224: SMALL,
  HMAC_256: SMALL,
  HMAC_384: SMALL,
  HMAC_512: SMALL,
  RSA_2048: RSA,
  RSA_3072: RSA,
  RSA_4096: RSA,
  ECC_NIST_P256: ECC,
  ECC_NIST_P384: ECC,
  ECC_NIST_P521: {
    ...ECC,
    RSAES_OAEP_SHA_1: ['P521_2048', 'Y', 'Y'],
    RSAES_OAEP_SHA_256: ['P521_2048', 'Y', 'Y'],
  },
  ECC_SECG_P256K1: ECC,
  ECC_NIST_EDWARDS25519: {
    ...ECC,
    RSAES_OAEP_SHA_1: ['ED_2048', 'Y', 'Y'],
    RSAES_OAEP_SHA_256: ['ED_2048', 'Y', 'Y'],
  },
};

function cell(
  keySpec: KeySpec,
  algorithm: WrappingAlgorithm,
  wrappingKeySpec: WrappingKeySpec,
): Compatibility {
  const notImportable = NOT_IMPORTABLE[keySpec];
  if (notImportable) return { allowed: false, reason: notImportable };
  if (algorithm === 'RSAES_PKCS1_V1_5') return { allowed: false, reason: REASONS.PKCS1 };
  if (algorithm === 'SM2PKE') return { allowed: false, reason: REASONS.SM2PKE };
  if (wrappingKeySpec === 'SM2') return { allowed: false, reason: REASONS.SM2SPEC };
  const row = ROWS[keySpec];
  const code = row?.[algorithm][WRAPPING_KEY_SPECS.indexOf(wrappingKeySpec)];
  if (!code) return { allowed: false, reason: `${keySpec} material cannot be imported by this app.` };
  return code === 'Y' ? { allowed: true } : { allowed: false, reason: REASONS[code] };
}

/** The full expanded table, exported for the UI, the emulator and the tests. */
export const COMPATIBILITY_TABLE: Readonly<
  Record<KeySpec, Readonly<Record<WrappingAlgorithm, Readonly<Record<WrappingKeySpec, Compatibility>>>>>
> = Object.fromEntries(
  KEY_SPECS.map((keySpec) => [
    keySpec,
    Object.fromEntries(
      WRAPPING_ALGORITHMS.map((alg) => [
        alg,
        Object.fromEntries(WRAPPING_KEY_SPECS.map((wks) => [wks, Object.freeze(cell(keySpec, alg, wks))])),
      ]),
    ),
  ]),
) as Record<KeySpec, Record<WrappingAlgorithm, Record<WrappingKeySpec, Compatibility>>>;

export function checkImportCompatibility(
  keySpec: KeySpec,
  wrappingAlgorithm: WrappingAlgorithm,
  wrappingKeySpec: WrappingKeySpec,
): Compatibility {
  return COMPATIBILITY_TABLE[keySpec][wrappingAlgorithm][wrappingKeySpec];
}

/** Spec §6.2: RSA_4096 is preferred; RSA keys must go through RSA_AES_KEY_WRAP, everything else fits OAEP. */
export function defaultWrapping(keySpec: KeySpec): {
  wrappingAlgorithm: WrappingAlgorithm;
  wrappingKeySpec: WrappingKeySpec;
} {
  const isRsa = keySpec === 'RSA_2048' || keySpec === 'RSA_3072' || keySpec === 'RSA_4096';
  return {
    wrappingAlgorithm: isRsa ? 'RSA_AES_KEY_WRAP_SHA_256' : 'RSAES_OAEP_SHA_256',
    wrappingKeySpec: 'RSA_4096',
  };
}

/** The exact ValidationException message real KMS gives at GetParametersForImport (spec §1.3). */
export function kmsIncompatibilityMessage(
  keySpec: KeySpec,
  wrappingAlgorithm: WrappingAlgorithm,
  wrappingKeySpec: WrappingKeySpec,
): string {
  return `Wrapping algorithm ${wrappingAlgorithm} and wrapping key spec ${wrappingKeySpec} cannot be used to import a ${keySpec} key.`;
}
