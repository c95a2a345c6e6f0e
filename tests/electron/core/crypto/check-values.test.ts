import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  aesCmac,
  checkValue,
  generateKeyMaterial,
  publicKeyFromMaterial,
  Secret,
} from '../../../../electron/core/crypto';
import { RFC4493_VECTORS } from '../../../../electron/core/crypto/self-test-vectors';
import { openssl, tempDir } from './openssl';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const zero16 = tmp.path('zero16.bin');
writeFileSync(zero16, Buffer.alloc(16));

describe('aesCmac', () => {
  it.each(RFC4493_VECTORS.map((v) => [v.message.length / 2, v] as const))(
    'matches RFC 4493 for %i bytes',
    (_, v) => {
      expect(aesCmac(Buffer.from(v.key, 'hex'), Buffer.from(v.message, 'hex')).toString('hex')).toBe(v.tag);
    },
  );
});

describe('checkValue', () => {
  it('AES KCV = first 3 bytes of CMAC over a zero block (and ECB legacy), as OpenSSL computes them', () => {
    const key = Secret.random(32);
    const hex = key.use((k) => k.toString('hex')); // test-only key
    const cv = checkValue('SYMMETRIC_DEFAULT', key);
    const cmac = openssl(['mac', '-cipher', 'AES-256-CBC', '-macopt', `hexkey:${hex}`, '-in', zero16, 'CMAC'])
      .toString()
      .trim();
    const ecb = openssl(['enc', '-aes-256-ecb', '-nopad', '-K', hex, '-in', zero16]).toString('hex');
    expect(cv).toEqual({
      kind: 'AES-CMAC',
      value: cmac.slice(0, 6),
      legacyEcbKcv: ecb.slice(0, 6).toUpperCase(),
    });
  });

  it.each([
    ['HMAC_224', 28, 'sha224'],
    ['HMAC_384', 48, 'sha384'],
  ] as const)('%s KCV = first 3 bytes of HMAC over a zero block', (ks, n, md) => {
    const key = Secret.random(n);
    const hex = key.use((k) => k.toString('hex'));
    const out = openssl([
      'dgst',
      `-${md}`,
      '-mac',
      'HMAC',
      '-macopt',
      `hexkey:${hex}`,
      '-r',
      zero16,
    ]).toString();
    expect(checkValue(ks, key)).toEqual({ kind: 'HMAC', value: out.slice(0, 6).toUpperCase() });
  });

  it('asymmetric check value = SHA-256 of the SPKI, as `openssl pkey -pubout | dgst` gives', async () => {
    for (const ks of ['ECC_NIST_P256', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519'] as const) {
      const material = await generateKeyMaterial(ks);
      const der = material.use((b) => Buffer.from(b)); // test-only copy for the peer
      const spki = openssl(['pkey', '-inform', 'DER', '-pubout', '-outform', 'DER'], der);
      expect(publicKeyFromMaterial(ks, material)!.equals(spki)).toBe(true);
      const sha = openssl(['dgst', '-sha256', '-r'], spki).toString().slice(0, 64).toUpperCase();
      expect(checkValue(ks, material)).toEqual({ kind: 'SPKI-SHA256', value: sha });
    }
  });

  it('refuses invalid material and has no public key for symmetric keys', () => {
    expect(() => checkValue('HMAC_256', Secret.random(31))).toThrow(
      /HMAC_256 needs exactly 32 bytes; this material has 31/,
    );
    expect(publicKeyFromMaterial('SYMMETRIC_DEFAULT', Secret.random(32))).toBeNull();
  });
});
