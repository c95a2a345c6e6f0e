import { constants, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import { aesKeyUnwrapPad, aesKeyWrapPad } from './aes-kwp';
import type { WrappingAlgorithm } from './kms-types';
import { Secret } from './secret';

/**
 * The exact construction behind each KMS wrapping algorithm (spec §3), as a table:
 *   RSAES_OAEP_SHA_x        blob = RSA-OAEP(pub, M), hash = MGF1 hash = SHA-x, empty label.
 *   RSA_AES_KEY_WRAP_SHA_x  K = 32 random bytes; blob = RSA-OAEP(pub, K) || AES-KWP(K, M)   (RSA part FIRST).
 *   RSAES_PKCS1_V1_5, SM2PKE refused.
 * These functions skip the self-test gate; callers outside the core use wrap.ts / unwrap.ts.
 */
export type OaepHash = 'sha1' | 'sha256';
export type Construction =
  | { kind: 'oaep'; hash: OaepHash }
  | { kind: 'rsa-aes'; hash: OaepHash }
  | { kind: 'refused'; reason: string; hint: string };

export const CONSTRUCTIONS: Record<WrappingAlgorithm, Construction> = {
  RSAES_OAEP_SHA_1: { kind: 'oaep', hash: 'sha1' },
  RSAES_OAEP_SHA_256: { kind: 'oaep', hash: 'sha256' },
  RSA_AES_KEY_WRAP_SHA_1: { kind: 'rsa-aes', hash: 'sha1' },
  RSA_AES_KEY_WRAP_SHA_256: { kind: 'rsa-aes', hash: 'sha256' },
  RSAES_PKCS1_V1_5: {
    kind: 'refused',
    reason: 'KMS stopped accepting RSAES_PKCS1_V1_5 on 2023-10-10.',
    hint: 'Use RSAES_OAEP_SHA_256 (or RSA_AES_KEY_WRAP_SHA_256 for RSA keys).',
  },
  SM2PKE: {
    kind: 'refused',
    reason: 'SM2PKE is China Regions only — not supported yet.',
    hint: 'Outside China Regions use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.',
  },
};

export const EPHEMERAL_AES_KEY_BYTES = 32;
const HASH_BYTES: Record<OaepHash, number> = { sha1: 20, sha256: 32 };

/** RFC 8017 §7.1.1: the largest message RSA-OAEP can carry, k − 2·hLen − 2. */
export function oaepMaxPlaintext(modulusBytes: number, hash: OaepHash): number {
  return modulusBytes - 2 * HASH_BYTES[hash] - 2;
}

export function constructionOf(algorithm: WrappingAlgorithm): Exclude<Construction, { kind: 'refused' }> {
  const construction = CONSTRUCTIONS[algorithm];
  if (construction.kind === 'refused') {
    throw new AppError('ALGORITHM_REFUSED', construction.reason, construction.hint);
  }
  return construction;
}

export function modulusBytesOf(key: KeyObject): number {
  return Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
}

function oaepEncrypt(publicKey: KeyObject, hash: OaepHash, data: Buffer): Buffer {
  // oaepHash sets both the OAEP hash and the MGF1 hash (Node docs); the label stays empty.
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, data);
}

/** Returns a Buffer that Node allocated: the caller copies it into a Secret and wipes it. */
function oaepDecrypt(
  privateKey: KeyObject,
  hash: OaepHash,
  data: Buffer,
  algorithm: WrappingAlgorithm,
): Buffer {
  try {
    return privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash },
      data,
    );
  } catch {
    throw new AppError(
      'UNWRAP_FAILED',
      `Unwrap failed: RSA-OAEP decryption (${algorithm}: ${hash.toUpperCase()}, MGF1-${hash.toUpperCase()}, empty label) rejected the ${data.length}-byte RSA part.`,
      'The blob was altered, was wrapped with a different hash or algorithm, or under a different wrapping public key.',
    );
  }
}

export function wrapWith(algorithm: WrappingAlgorithm, publicKey: KeyObject, material: Buffer): Buffer {
  const construction = constructionOf(algorithm);
  if (construction.kind === 'oaep') {
    const max = oaepMaxPlaintext(modulusBytesOf(publicKey), construction.hash);
    if (material.length > max) {
      throw new AppError(
        'MATERIAL_TOO_LARGE',
        `${algorithm} with an RSA-${modulusBytesOf(publicKey) * 8} wrapping key carries at most ${max} bytes; this material has ${material.length}.`,
        'Choose a larger wrapping key spec (RSA_4096) or RSA_AES_KEY_WRAP_SHA_256.',
      );
    }
    return oaepEncrypt(publicKey, construction.hash, material);
  }
  const aesKey = Secret.random(EPHEMERAL_AES_KEY_BYTES);
  try {
    return aesKey.use((k) =>
      Buffer.concat([oaepEncrypt(publicKey, construction.hash, k), aesKeyWrapPad(k, material)]),
    );
  } finally {
    aesKey.wipe();
  }
}

/** Inverse of wrapWith; the material comes back as a Secret. Every failure is AppError('UNWRAP_FAILED'). */
export function unwrapWith(algorithm: WrappingAlgorithm, privateKey: KeyObject, blob: Buffer): Secret {
  const construction = constructionOf(algorithm);
  const k = modulusBytesOf(privateKey);
  if (construction.kind === 'oaep') {
    if (blob.length !== k) throw sizeError(algorithm, `exactly ${k}`, blob.length);
    const plain = oaepDecrypt(privateKey, construction.hash, blob, algorithm);
    try {
      return Secret.copyOf(plain);
    } finally {
      plain.fill(0);
    }
  }
  if (blob.length < k + 16 || (blob.length - k) % 8 !== 0) {
    throw sizeError(algorithm, `${k} (RSA part) + a multiple of 8, at least 16 (AES-KWP part)`, blob.length);
  }
  const aesKey = oaepDecrypt(privateKey, construction.hash, blob.subarray(0, k), algorithm);
  try {
    if (aesKey.length !== EPHEMERAL_AES_KEY_BYTES) {
      throw new AppError(
        'UNWRAP_FAILED',
        `Unwrap failed: the RSA part holds a ${aesKey.length}-byte key; ${algorithm} uses a 32-byte AES key.`,
        'Wrap with a fresh 32-byte AES-256 key, as KMS requires.',
      );
    }
    const plain = aesKeyUnwrapPad(aesKey, blob.subarray(k));
    try {
      return Secret.copyOf(plain);
    } finally {
      plain.fill(0);
    }
  } finally {
    aesKey.fill(0);
  }
}

function sizeError(algorithm: WrappingAlgorithm, expected: string, found: number): AppError {
  return new AppError(
    'UNWRAP_FAILED',
    `Unwrap failed: a ${algorithm} blob for this wrapping key is ${expected} bytes; this one is ${found}.`,
    'The blob was truncated, or it was wrapped under a different wrapping key spec or algorithm.',
  );
}
