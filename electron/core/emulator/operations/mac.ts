import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../context';
import { KmsError } from '../errors';
import { keySpecRow } from '../key-specs';
import { currentMaterial, withMaterial } from '../materials';
import type { KeyRecord } from '../store/records';
import { usableKey } from '../usable-key';
import { shapes, type MemberRule } from '../wire';
import type { Operation } from './operation';

/** GenerateMac / VerifyMac: real HMAC over the imported bytes, so the app can compare with its own HMAC. */
const MAC_ALGORITHMS = ['HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const;
const macAlgorithm: MemberRule = { type: 'string', required: true, enum: MAC_ALGORITHMS };
const message: MemberRule = { type: 'blob', required: true, min: 1, max: 4096, secret: true };

function computeMac(ctx: RequestContext, key: KeyRecord, algorithm: string, data: Buffer): Buffer {
  const row = keySpecRow(key.keySpec);
  if (!row.macAlgorithms?.includes(algorithm)) {
    throw new KmsError(
      'InvalidKeyUsageException',
      `The operation failed because the specified KMS key ${key.arn} does not support the ${algorithm} MAC algorithm.`,
    );
  }
  return withMaterial(ctx, key, currentMaterial(key), (secret) =>
    createHmac(row.hmacDigest ?? 'sha256', secret)
      .update(data)
      .digest(),
  );
}

export const generateMac: Operation = {
  input: {
    KeyId: shapes.keyId,
    Message: message,
    MacAlgorithm: macAlgorithm,
    GrantTokens: shapes.grantTokens,
    DryRun: { type: 'boolean' },
  },
  run(ctx: RequestContext, input: { KeyId: string; Message: Buffer; MacAlgorithm: string }) {
    try {
      const key = usableKey(ctx, input.KeyId, 'GENERATE_VERIFY_MAC', 'GenerateMac');
      return {
        Mac: computeMac(ctx, key, input.MacAlgorithm, input.Message),
        MacAlgorithm: input.MacAlgorithm,
        KeyId: key.arn,
      };
    } finally {
      input.Message.fill(0);
    }
  },
};

export const verifyMac: Operation = {
  input: {
    KeyId: shapes.keyId,
    Message: message,
    MacAlgorithm: macAlgorithm,
    Mac: { type: 'blob', required: true, min: 1, max: 6144 },
    GrantTokens: shapes.grantTokens,
    DryRun: { type: 'boolean' },
  },
  run(ctx: RequestContext, input: { KeyId: string; Message: Buffer; MacAlgorithm: string; Mac: Buffer }) {
    try {
      const key = usableKey(ctx, input.KeyId, 'GENERATE_VERIFY_MAC', 'VerifyMac');
      const mac = computeMac(ctx, key, input.MacAlgorithm, input.Message);
      if (mac.length !== input.Mac.length || !timingSafeEqual(mac, input.Mac))
        throw new KmsError('KMSInvalidMacException');
      return { KeyId: key.arn, MacValid: true, MacAlgorithm: input.MacAlgorithm };
    } finally {
      input.Message.fill(0);
    }
  },
};
