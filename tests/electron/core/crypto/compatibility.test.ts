import { describe, expect, it } from 'vitest';
import {
  COMPATIBILITY_TABLE,
  IMPORTABLE_KEY_SPECS,
  KEY_SPECS,
  WRAPPING_ALGORITHMS,
  WRAPPING_KEY_SPECS,
  checkImportCompatibility,
  defaultWrapping,
  keyUsagesFor,
} from '../../../../electron/core/crypto';

describe('compatibility table (spec §2.1)', () => {
  it('has a verdict for every KeySpec × algorithm × wrapping key spec, with a sentence when refused', () => {
    for (const ks of KEY_SPECS)
      for (const alg of WRAPPING_ALGORITHMS)
        for (const wks of WRAPPING_KEY_SPECS) {
          const c = COMPATIBILITY_TABLE[ks][alg][wks];
          if (!c.allowed) expect(c.reason.length).toBeGreaterThan(20);
        }
  });

  it.each([
    ['SYMMETRIC_DEFAULT', 'RSAES_PKCS1_V1_5', 'RSA_2048', /2023-10-10/],
    ['SYMMETRIC_DEFAULT', 'RSA_AES_KEY_WRAP_SHA_256', 'RSA_2048', /RSAES_OAEP_SHA_256/],
    ['ECC_NIST_P521', 'RSAES_OAEP_SHA_256', 'RSA_2048', /RSA_2048/],
    ['ECC_NIST_P521', 'RSAES_OAEP_SHA_1', 'RSA_2048', /RSA_2048/],
    ['ECC_NIST_EDWARDS25519', 'RSAES_OAEP_SHA_256', 'RSA_2048', /RSA_2048/],
    ['RSA_2048', 'RSAES_OAEP_SHA_256', 'RSA_4096', /RSA_AES_KEY_WRAP/],
    ['HMAC_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_4096', /OAEP/],
    ['ECC_NIST_P256', 'SM2PKE', 'SM2', /China Regions only — not supported yet/],
    ['ML_DSA_44', 'RSAES_OAEP_SHA_256', 'RSA_4096', /ML-DSA/],
    ['SM2', 'RSAES_OAEP_SHA_256', 'RSA_4096', /China/],
  ] as const)('refuses %s with %s + %s', (ks, alg, wks, reason) => {
    const c = checkImportCompatibility(ks, alg, wks);
    expect(c.allowed).toBe(false);
    if (!c.allowed) expect(c.reason).toMatch(reason);
  });

  it.each([
    ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSA_2048'],
    ['HMAC_512', 'RSAES_OAEP_SHA_256', 'RSA_3072'],
    ['RSA_4096', 'RSA_AES_KEY_WRAP_SHA_256', 'RSA_2048'],
    ['ECC_NIST_P521', 'RSAES_OAEP_SHA_256', 'RSA_3072'],
    ['ECC_NIST_P521', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_2048'],
    ['ECC_SECG_P256K1', 'RSAES_OAEP_SHA_1', 'RSA_2048'],
    ['ECC_NIST_EDWARDS25519', 'RSAES_OAEP_SHA_256', 'RSA_3072'],
  ] as const)('allows %s with %s + %s', (ks, alg, wks) => {
    expect(checkImportCompatibility(ks, alg, wks)).toEqual({ allowed: true });
  });

  it('defaults are allowed for every importable key spec and follow the brief', () => {
    for (const ks of IMPORTABLE_KEY_SPECS) {
      const d = defaultWrapping(ks);
      expect(d.wrappingKeySpec).toBe('RSA_4096');
      expect(d.wrappingAlgorithm).toBe(
        ks.startsWith('RSA_') ? 'RSA_AES_KEY_WRAP_SHA_256' : 'RSAES_OAEP_SHA_256',
      );
      expect(checkImportCompatibility(ks, d.wrappingAlgorithm, d.wrappingKeySpec).allowed).toBe(true);
    }
  });

  it('lists key usages per spec', () => {
    expect(keyUsagesFor('HMAC_384')).toEqual(['GENERATE_VERIFY_MAC']);
    expect(keyUsagesFor('ECC_SECG_P256K1')).toEqual(['SIGN_VERIFY']);
    expect(keyUsagesFor('RSA_2048')).toContain('ENCRYPT_DECRYPT');
  });
});
