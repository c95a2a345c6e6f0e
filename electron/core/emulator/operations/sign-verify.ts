import {
  constants,
  createHash,
  createPublicKey,
  privateEncrypt,
  publicDecrypt,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { RequestContext } from '../context';
import { KmsError } from '../errors';
import { keySpecRow, SIGNING_ALGORITHMS } from '../key-specs';
import type { KeyRecord } from '../store/records';
import { privateKeyOf, usableKey } from '../usable-key';
import { shapes, type MemberRule } from '../wire';
import type { Operation } from './operation';

/**
 * Sign / Verify / GetPublicKey with the imported private key: signatures verify with the public key the app
 * derives from its PKCS#8 (ECDSA signatures are DER, PSS salt = digest length, as in KMS). MessageType DIGEST
 * is supported for RSASSA_PKCS1_V1_5 only: Node cannot sign a pre-computed digest with ECDSA, PSS or Ed25519ph.
 */
const SIGNING = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'ECDSA_SHA_256',
  'ECDSA_SHA_384',
  'ECDSA_SHA_512',
  'SM2DSA',
  'ML_DSA_SHAKE_256',
  'ED25519_SHA_512',
  'ED25519_PH_SHA_512',
] as const;
const DIGEST_INFO_PREFIX: Record<string, string> = {
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

interface Input {
  KeyId: string;
  Message: Buffer;
  MessageType?: 'RAW' | 'DIGEST' | 'EXTERNAL_MU';
  SigningAlgorithm: string;
  Signature?: Buffer;
}

const baseInput = {
  KeyId: shapes.keyId,
  Message: { type: 'blob', required: true, min: 1, max: 4096 } as MemberRule,
  MessageType: { type: 'string', enum: ['RAW', 'DIGEST', 'EXTERNAL_MU'] } as MemberRule,
  SigningAlgorithm: { type: 'string', required: true, enum: SIGNING } as MemberRule,
  GrantTokens: shapes.grantTokens,
  DryRun: { type: 'boolean' } as MemberRule,
};

function plan(key: KeyRecord, input: Input) {
  if (!keySpecRow(key.keySpec).signingAlgorithms?.includes(input.SigningAlgorithm)) {
    throw new KmsError(
      'InvalidKeyUsageException',
      `The operation failed because the specified KMS key ${key.arn} does not support the ${input.SigningAlgorithm} signing algorithm.`,
    );
  }
  const alg = SIGNING_ALGORITHMS[input.SigningAlgorithm];
  if (!alg)
    throw new KmsError(
      'UnsupportedOperationException',
      `${input.SigningAlgorithm} is not implemented by this emulator.`,
    );
  const digest = (input.MessageType ?? 'RAW') === 'DIGEST';
  if (digest) {
    const expected = alg.digest ? createHash(alg.digest).digest().length : 0;
    if (input.Message.length !== expected) {
      throw new KmsError(
        'ValidationException',
        `Digest is invalid length for algorithm ${input.SigningAlgorithm}.`,
      );
    }
    if (alg.family !== 'rsa' || alg.pss) {
      throw new KmsError(
        'UnsupportedOperationException',
        `MessageType DIGEST with ${input.SigningAlgorithm} is not implemented by this emulator; send the message with MessageType RAW.`,
      );
    }
  }
  const options = (keyObject: KeyObject) => ({
    key: keyObject,
    dsaEncoding: 'der' as const,
    ...(alg.pss
      ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : {}),
  });
  return { alg, digest, options };
}

export const signOperation: Operation = {
  input: baseInput,
  run(ctx: RequestContext, input: Input) {
    const key = usableKey(ctx, input.KeyId, 'SIGN_VERIFY', 'Sign');
    const { alg, digest, options } = plan(key, input);
    const privateKey = privateKeyOf(ctx, key);
    const signature = digest
      ? privateEncrypt(
          { key: privateKey, padding: constants.RSA_PKCS1_PADDING },
          Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[alg.digest!]!, 'hex'), input.Message]),
        )
      : sign(alg.digest, input.Message, options(privateKey));
    return { KeyId: key.arn, Signature: signature, SigningAlgorithm: input.SigningAlgorithm };
  },
};

export const verifyOperation: Operation = {
  input: { ...baseInput, Signature: { type: 'blob', required: true, min: 1, max: 6144 } },
  run(ctx: RequestContext, input: Input) {
    const key = usableKey(ctx, input.KeyId, 'SIGN_VERIFY', 'Verify');
    const { alg, digest, options } = plan(key, input);
    const publicKey = createPublicKey(privateKeyOf(ctx, key));
    let valid = false;
    try {
      if (digest) {
        const expected = Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[alg.digest!]!, 'hex'), input.Message]);
        const recovered = publicDecrypt(
          { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
          input.Signature!,
        );
        valid = recovered.equals(expected);
      } else {
        valid = verify(alg.digest, input.Message, options(publicKey), input.Signature!);
      }
    } catch {
      valid = false; // a malformed signature is an invalid one
    }
    if (!valid) throw new KmsError('KMSInvalidSignatureException');
    return { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: input.SigningAlgorithm };
  },
};
