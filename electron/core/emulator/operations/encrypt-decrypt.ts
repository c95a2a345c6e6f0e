import { constants, privateDecrypt, publicEncrypt, randomFillSync } from 'node:crypto';
import { openCiphertext, parseCiphertext, sealCiphertext } from '../ciphertext-format';
import type { RequestContext } from '../context';
import { KmsError } from '../errors';
import { keySpecRow } from '../key-specs';
import { currentMaterial, withMaterial } from '../materials';
import { resolveKey } from '../resolve';
import { assertState } from '../state-machine';
import type { KeyRecord } from '../store/records';
import { privateKeyOf, publicKeyOf, usableKey } from '../usable-key';
import { shapes, type MemberRule } from '../wire';
import type { Operation } from './operation';

/**
 * Encrypt / Decrypt / GenerateDataKey with real cryptography: SYMMETRIC_DEFAULT keys use AES-256-GCM under the
 * imported key (blob format in ciphertext-format.ts); RSA ENCRYPT_DECRYPT keys use RSAES-OAEP (SHA-1 or
 * SHA-256 with MGF1 of the same hash, empty label), so OAEP ciphertexts made from the public key decrypt.
 */
const ALGORITHMS = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'] as const;
type Algorithm = (typeof ALGORITHMS)[number];
const algorithm: MemberRule = { type: 'string', enum: ALGORITHMS };
const plaintext: MemberRule = { type: 'blob', required: true, min: 1, max: 4096, secret: true };
const OAEP_HASH: Partial<Record<Algorithm, string>> = {
  RSAES_OAEP_SHA_1: 'sha1',
  RSAES_OAEP_SHA_256: 'sha256',
};

function checkAlgorithm(key: KeyRecord, requested: Algorithm | undefined): Algorithm {
  const chosen = requested ?? 'SYMMETRIC_DEFAULT';
  if (!keySpecRow(key.keySpec).encryptionAlgorithms?.includes(chosen)) {
    throw new KmsError(
      'InvalidKeyUsageException',
      `The operation failed because the specified KMS key ${key.arn} does not support the ${chosen} encryption algorithm.`,
    );
  }
  return chosen;
}

function symmetricEncrypt(
  ctx: RequestContext,
  key: KeyRecord,
  data: Buffer,
  context?: Record<string, string>,
) {
  const material = currentMaterial(key);
  return withMaterial(ctx, key, material, (aes) =>
    sealCiphertext(aes, key.keyId, material.id, data, context),
  );
}

interface EncryptInput {
  KeyId: string;
  Plaintext: Buffer;
  EncryptionContext?: Record<string, string>;
  EncryptionAlgorithm?: Algorithm;
}

export const encrypt: Operation = {
  input: {
    KeyId: shapes.keyId,
    Plaintext: plaintext,
    EncryptionContext: shapes.encryptionContext,
    GrantTokens: shapes.grantTokens,
    EncryptionAlgorithm: algorithm,
    DryRun: { type: 'boolean' },
  },
  run(ctx: RequestContext, input: EncryptInput) {
    try {
      const key = usableKey(ctx, input.KeyId, 'ENCRYPT_DECRYPT', 'Encrypt');
      const alg = checkAlgorithm(key, input.EncryptionAlgorithm);
      const hash = OAEP_HASH[alg];
      if (!hash) {
        const blob = symmetricEncrypt(ctx, key, input.Plaintext, input.EncryptionContext);
        return { CiphertextBlob: blob, KeyId: key.arn, EncryptionAlgorithm: alg };
      }
      const bits = keySpecRow(key.keySpec).modulusBits ?? 2048;
      const max = bits / 8 - 2 * (hash === 'sha1' ? 20 : 32) - 2;
      if (input.Plaintext.length > max) {
        throw new KmsError(
          'ValidationException',
          `Algorithm ${alg} and key spec ${key.keySpec} cannot encrypt data larger than ${max} bytes.`,
        );
      }
      const publicKey = publicKeyOf(ctx, key);
      const blob = publicEncrypt(
        { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash },
        input.Plaintext,
      );
      return { CiphertextBlob: blob, KeyId: key.arn, EncryptionAlgorithm: alg };
    } finally {
      input.Plaintext.fill(0);
    }
  },
};

interface DecryptInput {
  CiphertextBlob: Buffer;
  KeyId?: string;
  EncryptionContext?: Record<string, string>;
  EncryptionAlgorithm?: Algorithm;
}

const incorrectKey = () =>
  new KmsError(
    'IncorrectKeyException',
    'The key ID in the request does not identify a CMK that can perform this operation.',
  );

function decryptSymmetric(ctx: RequestContext, input: DecryptInput) {
  const parsed = parseCiphertext(input.CiphertextBlob);
  if (!parsed) throw new KmsError('InvalidCiphertextException');
  const key = input.KeyId
    ? resolveKey(ctx, input.KeyId, { allowAlias: true })
    : resolveKey(ctx, parsed.keyId);
  if (key.keyId !== parsed.keyId) throw incorrectKey();
  assertState('use', key.state, key.arn);
  if (key.keyUsage !== 'ENCRYPT_DECRYPT') throw incorrectKey();
  const material = key.materials.find((m) => m.id === parsed.materialId && m.importState === 'IMPORTED');
  if (!material) throw new KmsError('InvalidCiphertextException');
  const plain = withMaterial(ctx, key, material, (aes) =>
    openCiphertext(aes, parsed, input.EncryptionContext),
  );
  if (!plain) throw new KmsError('InvalidCiphertextException');
  return {
    KeyId: key.arn,
    Plaintext: plain,
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    KeyMaterialId: material.id,
  };
}

export const decrypt: Operation = {
  input: {
    CiphertextBlob: shapes.ciphertext,
    EncryptionContext: shapes.encryptionContext,
    GrantTokens: shapes.grantTokens,
    KeyId: shapes.optionalKeyId,
    EncryptionAlgorithm: algorithm,
    DryRun: { type: 'boolean' },
  },
  run(ctx: RequestContext, input: DecryptInput) {
    if ((input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT')
      return decryptSymmetric(ctx, input);
    if (!input.KeyId) {
      throw new KmsError('ValidationException', 'KeyId is required for asymmetric decryption');
    }
    const key = usableKey(ctx, input.KeyId, 'ENCRYPT_DECRYPT', 'Decrypt');
    const alg = checkAlgorithm(key, input.EncryptionAlgorithm);
    let plain: Buffer;
    try {
      const decrypted = privateDecrypt(
        { key: privateKeyOf(ctx, key), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[alg] },
        input.CiphertextBlob,
      );
      plain = Buffer.alloc(decrypted.length);
      decrypted.copy(plain);
      decrypted.fill(0);
    } catch {
      throw new KmsError('InvalidCiphertextException');
    }
    return { KeyId: key.arn, Plaintext: plain, EncryptionAlgorithm: alg };
  },
};

const DATA_KEY_BYTES: Record<string, number> = { AES_256: 32, AES_128: 16 };

export const generateDataKey: Operation = {
  input: {
    KeyId: shapes.keyId,
    EncryptionContext: shapes.encryptionContext,
    NumberOfBytes: { type: 'integer', min: 1, max: 1024 },
    KeySpec: { type: 'string', enum: ['AES_256', 'AES_128'] },
    GrantTokens: shapes.grantTokens,
    DryRun: { type: 'boolean' },
  },
  run(
    ctx: RequestContext,
    input: {
      KeyId: string;
      EncryptionContext?: Record<string, string>;
      NumberOfBytes?: number;
      KeySpec?: string;
    },
  ) {
    if ((input.NumberOfBytes === undefined) === (input.KeySpec === undefined)) {
      throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
    }
    const key = usableKey(ctx, input.KeyId, 'ENCRYPT_DECRYPT', 'GenerateDataKey');
    if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
      throw new KmsError(
        'InvalidKeyUsageException',
        `${key.arn} key spec is ${key.keySpec} which is not valid for GenerateDataKey.`,
      );
    }
    const plain = Buffer.alloc(input.NumberOfBytes ?? DATA_KEY_BYTES[input.KeySpec!]!);
    randomFillSync(plain);
    return {
      CiphertextBlob: symmetricEncrypt(ctx, key, plain, input.EncryptionContext),
      Plaintext: plain,
      KeyId: key.arn,
    };
  },
};
