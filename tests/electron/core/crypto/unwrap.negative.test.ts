import { constants, createCipheriv, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  aesKeyUnwrapPad,
  aesKeyWrapPad,
  Secret,
  unwrapKeyMaterial,
  wrapKeyMaterial,
  type WrappingAlgorithm,
} from '../../../../electron/core/crypto';

/** Every way a blob can be wrong gives AppError UNWRAP_FAILED with a message that says what was found. */
const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyDer = pair.publicKey.export({ type: 'spki', format: 'der' });
const material = Secret.random(100);
const small = Secret.random(32);

const wrap = (algorithm: WrappingAlgorithm, m = material) =>
  wrapKeyMaterial({ material: m, publicKeyDer, algorithm });
const unwrap =
  (blob: Buffer, algorithm: WrappingAlgorithm, privateKey = pair.privateKey) =>
  () =>
    unwrapKeyMaterial({ blob, privateKey, algorithm });
const flip = (b: Buffer, at: number) => {
  const c = Buffer.from(b);
  c[at]! ^= 0x01;
  return c;
};
const expectUnwrapError = (fn: () => unknown, message: RegExp) => {
  expect(fn).toThrow(message);
  try {
    fn();
  } catch (error) {
    expect((error as { code?: string }).code).toBe('UNWRAP_FAILED');
  }
};

/** RFC 3394 wrap with a chosen 8-byte IV (OpenSSL's id-aes256-wrap): builds KWP blobs with a forged AIV. */
function forgeKwp(kek: Buffer, aiv: Buffer, padded: Buffer): Buffer {
  if (padded.length === 8) {
    const c = createCipheriv('aes-256-ecb', kek, null).setAutoPadding(false);
    return Buffer.concat([c.update(Buffer.concat([aiv, padded])), c.final()]);
  }
  const c = createCipheriv('id-aes256-wrap', kek, aiv);
  return Buffer.concat([c.update(padded), c.final()]);
}
const aiv = (mli: number) =>
  Buffer.concat([Buffer.from('A65959A6', 'hex'), Buffer.from([0, 0, mli >> 8, mli & 0xff])]);

describe('unwrap rejects damaged blobs with a clear error', () => {
  it.each(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const)(
    '%s: bit flip, wrong hash, truncation, wrong key',
    (alg) => {
      const blob = wrap(alg, small);
      expectUnwrapError(
        unwrap(flip(blob, 100), alg),
        /RSA-OAEP decryption .* rejected the 256-byte RSA part/,
      );
      const otherHash = alg === 'RSAES_OAEP_SHA_1' ? 'RSAES_OAEP_SHA_256' : 'RSAES_OAEP_SHA_1';
      expectUnwrapError(unwrap(blob, otherHash), /RSA-OAEP decryption/);
      expectUnwrapError(unwrap(blob.subarray(0, 255), alg), /is exactly 256 bytes; this one is 255/);
      expectUnwrapError(unwrap(blob, alg, other.privateKey), /RSA-OAEP decryption/);
    },
  );

  it.each(['RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'] as const)(
    '%s: flips in either part, wrong hash, truncation',
    (alg) => {
      const blob = wrap(alg);
      expect(blob.length).toBe(256 + 112);
      expectUnwrapError(unwrap(flip(blob, 10), alg), /RSA-OAEP decryption/);
      expectUnwrapError(
        unwrap(flip(blob, 256 + 3), alg),
        /AES-KWP integrity check failed|length indicator|padding/,
      );
      expectUnwrapError(
        unwrap(flip(blob, blob.length - 1), alg),
        /AES-KWP integrity check failed|length indicator|padding/,
      );
      const otherHash =
        alg === 'RSA_AES_KEY_WRAP_SHA_1' ? 'RSA_AES_KEY_WRAP_SHA_256' : 'RSA_AES_KEY_WRAP_SHA_1';
      expectUnwrapError(unwrap(blob, otherHash), /RSA-OAEP decryption/);
      expectUnwrapError(
        unwrap(blob.subarray(0, blob.length - 1), alg),
        /256 \(RSA part\) \+ a multiple of 8.*this one is 367/,
      );
      expectUnwrapError(unwrap(blob.subarray(0, blob.length - 8), alg), /AES-KWP integrity check failed/);
      expectUnwrapError(unwrap(blob.subarray(0, 256), alg), /this one is 256/);
      // RSA part swapped to the end (the order the AWS prose wrongly describes).
      const swapped = Buffer.concat([blob.subarray(256), blob.subarray(0, 256)]);
      expectUnwrapError(unwrap(swapped, alg), /RSA-OAEP decryption|integrity/);
    },
  );

  it('RSA_AES: an ephemeral key that is not 32 bytes is refused', () => {
    const k16 = randomBytes(16);
    const rsa = publicEncrypt(
      { key: pair.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      k16,
    );
    const blob = Buffer.concat([rsa, aesKeyWrapPad(k16, randomBytes(40))]);
    expectUnwrapError(
      unwrap(blob, 'RSA_AES_KEY_WRAP_SHA_256'),
      /holds a 16-byte key; RSA_AES_KEY_WRAP_SHA_256 uses a 32-byte AES key/,
    );
  });
});

describe('AES-KWP integrity checks (forged blobs that decrypt correctly)', () => {
  const kek = randomBytes(32);

  it('wrong MLI (too large / too small for the blocks) → length indicator error', () => {
    expectUnwrapError(
      () => aesKeyUnwrapPad(kek, forgeKwp(kek, aiv(9), Buffer.alloc(8))),
      /length indicator says 9 bytes, which does not fit 1 8-byte blocks/,
    );
    expectUnwrapError(
      () => aesKeyUnwrapPad(kek, forgeKwp(kek, aiv(16), Buffer.alloc(24))),
      /length indicator says 16 bytes, which does not fit 3/,
    );
    expectUnwrapError(
      () => aesKeyUnwrapPad(kek, forgeKwp(kek, aiv(0), Buffer.alloc(8))),
      /length indicator says 0 bytes/,
    );
  });

  it('non-zero padding → padding error (single- and multi-block)', () => {
    const one = Buffer.from([1, 2, 3, 4, 5, 0, 0, 9]);
    expectUnwrapError(() => aesKeyUnwrapPad(kek, forgeKwp(kek, aiv(5), one)), /padding bytes are not zero/);
    const many = Buffer.alloc(24, 0x41);
    expectUnwrapError(() => aesKeyUnwrapPad(kek, forgeKwp(kek, aiv(20), many)), /padding bytes are not zero/);
  });

  it('the same forgery with a correct MLI and zero padding is accepted (so the checks are what rejects)', () => {
    const p = Buffer.concat([Buffer.alloc(20, 0x41), Buffer.alloc(4)]);
    expect(aesKeyUnwrapPad(kek, forgeKwp(kek, aiv(20), p)).equals(Buffer.alloc(20, 0x41))).toBe(true);
  });

  it('wrong AIV prefix (RFC 3394 output), wrong KEK, and bad lengths', () => {
    const kw = forgeKwp(kek, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'), Buffer.alloc(16, 7));
    expectUnwrapError(() => aesKeyUnwrapPad(kek, kw), /does not start with A65959A6/);
    expectUnwrapError(
      () => aesKeyUnwrapPad(randomBytes(32), aesKeyWrapPad(kek, Buffer.alloc(30))),
      /integrity check failed/,
    );
    expectUnwrapError(
      () => aesKeyUnwrapPad(kek, Buffer.alloc(8)),
      /is 8 bytes; RFC 5649 output is a multiple of 8 bytes and at least 16/,
    );
    expectUnwrapError(() => aesKeyUnwrapPad(kek, Buffer.alloc(17)), /is 17 bytes/);
  });
});
