import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateKeyMaterial,
  parseWrappingPublicKey,
  Secret,
  unwrapKeyMaterial,
  WRAPPING_ALGORITHMS,
  wrapKeyMaterial,
} from '../../../../electron/core/crypto';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const der = pair.publicKey.export({ type: 'spki', format: 'der' });

describe('wrapKeyMaterial / unwrapKeyMaterial', () => {
  it.each(WRAPPING_ALGORITHMS.slice(0, 4))('%s round-trips and has the documented layout', (algorithm) => {
    const material = Secret.random(48);
    const blob = wrapKeyMaterial({ material, publicKeyDer: der, algorithm });
    expect(blob.length).toBe(algorithm.startsWith('RSA_AES') ? 256 + 56 : 256);
    const back = unwrapKeyMaterial({ blob, privateKey: pair.privateKey, algorithm });
    expect(back.equals(material)).toBe(true);
  });

  it('refuses RSAES_PKCS1_V1_5 and SM2PKE with the reasons', () => {
    const material = Secret.random(32);
    expect(() => wrapKeyMaterial({ material, publicKeyDer: der, algorithm: 'RSAES_PKCS1_V1_5' })).toThrow(
      /2023-10-10/,
    );
    expect(() => wrapKeyMaterial({ material, publicKeyDer: der, algorithm: 'SM2PKE' })).toThrow(
      'SM2PKE is China Regions only — not supported yet.',
    );
  });

  it('with a key spec, refuses combinations KMS rejects and material that does not fit', async () => {
    const p521 = await generateKeyMaterial('ECC_NIST_P521');
    expect(() =>
      wrapKeyMaterial({
        material: p521,
        publicKeyDer: der,
        algorithm: 'RSAES_OAEP_SHA_256',
        keySpec: 'ECC_NIST_P521',
      }),
    ).toThrow(/RSA_2048 wrapping key cannot import ECC_NIST_P521/);
    expect(() =>
      wrapKeyMaterial({
        material: Secret.random(47),
        publicKeyDer: der,
        algorithm: 'RSAES_OAEP_SHA_256',
        keySpec: 'HMAC_384',
      }),
    ).toThrow('HMAC_384 needs exactly 48 bytes; this material has 47.');
  });

  it('without a key spec, still refuses material too large for OAEP', () => {
    expect(() =>
      wrapKeyMaterial({ material: Secret.random(191), publicKeyDer: der, algorithm: 'RSAES_OAEP_SHA_256' }),
    ).toThrow(/carries at most 190 bytes; this material has 191/);
    expect(
      wrapKeyMaterial({ material: Secret.random(214), publicKeyDer: der, algorithm: 'RSAES_OAEP_SHA_1' })
        .length,
    ).toBe(256);
  });
});

describe('parseWrappingPublicKey', () => {
  it('reads DER, PEM and base64 to the same SPKI and names the wrapping key spec', () => {
    const pem = Buffer.from(pair.publicKey.export({ type: 'spki', format: 'pem' }));
    const b64 = Buffer.from(der.toString('base64') + '\n');
    const parsed = [der, pem, b64].map(parseWrappingPublicKey);
    expect(parsed.map((p) => p.formatFound)).toEqual(['der', 'pem', 'base64']);
    for (const p of parsed) {
      expect(p.der.equals(der)).toBe(true);
      expect(p.wrappingKeySpec).toBe('RSA_2048');
      expect(p.sha256Hex).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(der.length).toBe(294); // spec §1.3 size for RSA_2048
  });

  it('rejects private keys, EC keys, odd sizes and garbage with what was found', () => {
    const priv = Buffer.from(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => parseWrappingPublicKey(priv)).toThrow(/holds "PRIVATE KEY", not a public key/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    expect(() => parseWrappingPublicKey(ec)).toThrow(/is an EC key; KMS wrapping keys are RSA/);
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    expect(() => parseWrappingPublicKey(small)).toThrow(
      /RSA-1024; KMS wrapping keys are RSA_2048, RSA_3072 or RSA_4096/,
    );
    expect(() => parseWrappingPublicKey(Buffer.from([1, 2, 3, 0xff]))).toThrow(
      /not a valid DER SubjectPublicKeyInfo/,
    );
  });
});
