import { createHash, createHmac, createPrivateKey, createPublicKey, getCurves } from 'node:crypto';
import { AppError } from '../errors';
import { encodeDer, TAG } from './asn1';
import { AesBlock } from './aes-block';
import { aesCmac } from './cmac';
import { toHexUpper } from './encoding';
import { KEY_SPEC_INFO, type KeySpec } from './kms-types';
import { ecInner, identifyContainer } from './material/container';
import { validateMaterialForKeySpec } from './material/validate';
import type { Secret } from './secret';

export { aesCmac } from './cmac';

/**
 * Check values let two people compare key material without seeing it (all hex, upper-case):
 *
 * - SYMMETRIC_DEFAULT (kind 'AES-CMAC'): the first 3 bytes of AES-CMAC(K, 16 zero bytes) — the AES KCV of
 *   ANSI X9.24-1:2017 as payment HSMs and AWS Payment Cryptography ("CMAC" KCV algorithm) compute it.
 *   `legacyEcbKcv`: the first 3 bytes of AES-ECB(K, 16 zero bytes), the older "encrypt a zero block" KCV
 *   still shown by many HSMs and spreadsheets. Compare with:  openssl mac -cipher AES-256-CBC -macopt hexkey:<K>
 *   -in zero16.bin CMAC   and   openssl enc -aes-256-ecb -nopad -K <K> -in zero16.bin | xxd -p | head -c 6.
 * - HMAC_224/256/384/512 (kind 'HMAC'): the first 3 bytes of HMAC-SHA-n(K, 16 zero bytes), n from the key spec
 *   (the same zero-block convention; AWS defines no HMAC KCV for KMS).
 *   Compare with:  openssl dgst -sha384 -mac HMAC -macopt hexkey:<K> zero16.bin.
 * - Asymmetric keys (kind 'SPKI-SHA256'): SHA-256 of the public key's DER SubjectPublicKeyInfo, all 32 bytes.
 *   It identifies the key pair; after import it equals sha256(GetPublicKey().PublicKey) from KMS.
 *   Compare with:  openssl pkey -in key.pem -pubout -outform DER | openssl dgst -sha256.
 * Three bytes reveal nothing useful about a key; the SPKI hash is of public data.
 */
export type CheckValue = { kind: 'AES-CMAC' | 'HMAC' | 'SPKI-SHA256'; value: string; legacyEcbKcv?: string };

const ZERO_BLOCK = Buffer.alloc(16);

export function checkValue(keySpec: KeySpec, material: Secret): CheckValue {
  const validity = validateMaterialForKeySpec(keySpec, material);
  if (!validity.ok)
    throw new AppError(
      'BAD_MATERIAL',
      validity.reason,
      'A check value needs valid material for the key spec.',
    );
  const shape = KEY_SPEC_INFO[keySpec].material;
  if (shape.kind === 'symmetric') {
    return material.use((key) => {
      const cmac = aesCmac(key, ZERO_BLOCK);
      const ecb = Buffer.alloc(16);
      const aes = new AesBlock(key, 'encrypt');
      try {
        aes.run(ZERO_BLOCK, ecb);
        return {
          kind: 'AES-CMAC',
          value: toHexUpper(cmac.subarray(0, 3)),
          legacyEcbKcv: toHexUpper(ecb.subarray(0, 3)),
        };
      } finally {
        aes.close();
        cmac.fill(0);
        ecb.fill(0);
      }
    });
  }
  if (shape.kind === 'hmac') {
    return material.use((key) => {
      const mac = createHmac(shape.hash, key).update(ZERO_BLOCK).digest();
      try {
        return { kind: 'HMAC', value: toHexUpper(mac.subarray(0, 3)) };
      } finally {
        mac.fill(0);
      }
    });
  }
  const spki = publicKeyFromMaterial(keySpec, material);
  if (!spki)
    throw new AppError('NO_PUBLIC_KEY', `No public key could be derived from this ${keySpec} key.`, '');
  return { kind: 'SPKI-SHA256', value: toHexUpper(createHash('sha256').update(spki).digest()) };
}

/**
 * The DER SubjectPublicKeyInfo of an asymmetric key (what KMS GetPublicKey returns after import); null for
 * symmetric and HMAC keys. For curves this build's crypto lacks (secp256k1 under BoringSSL) it is assembled from
 * the public point stored in the PKCS#8 key, when present.
 */
export function publicKeyFromMaterial(keySpec: KeySpec, material: Secret): Buffer | null {
  const shape = KEY_SPEC_INFO[keySpec].material;
  if (shape.kind === 'symmetric' || shape.kind === 'hmac' || shape.kind === 'unsupported') return null;
  return material.use((der) => {
    if (shape.kind === 'ec' && !getCurves().includes(shape.curve)) return spkiFromEmbeddedPoint(der, keySpec);
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  });
}

function spkiFromEmbeddedPoint(der: Buffer, keySpec: KeySpec): Buffer {
  const container = identifyContainer(der);
  const point = container.kind === 'pkcs8' ? ecInner(container.privateKey)?.publicPoint : null;
  if (container.kind !== 'pkcs8' || !point) {
    throw new AppError(
      'NO_PUBLIC_KEY',
      `This ${keySpec} key does not store its public key, and this build's crypto library cannot compute it.`,
      'Export the key again as PKCS#8 including its public key (most tools do by default), then load that file.',
    );
  }
  const bitString = encodeDer(TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), point]));
  return encodeDer(TAG.SEQUENCE, Buffer.concat([container.algorithmIdentifier, bitString]));
}
