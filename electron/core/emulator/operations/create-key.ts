import { randomBytes, randomUUID } from 'node:crypto';
import { generateKeyMaterial, KEY_SPECS, type KeySpec } from '../../crypto';

import { keyArn, type RequestContext } from '../context';
import { KmsError } from '../errors';
import { isAsymmetric, keySpecRow, type KeyUsage } from '../key-specs';
import { computeMaterialId } from '../material-id';
import { sealMaterial } from '../materials';
import { keyMetadata } from '../metadata';
import { putKey } from '../store/kms-store';
import type { KeyRecord } from '../store/records';
import type { Operation } from './operation';

const KEY_USAGES = ['SIGN_VERIFY', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'] as const;
const ORIGINS = ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] as const;

interface Input {
  Policy?: string;
  Description?: string;
  KeyUsage?: KeyUsage;
  CustomerMasterKeySpec?: KeySpec;
  KeySpec?: KeySpec;
  Origin?: (typeof ORIGINS)[number];
  CustomKeyStoreId?: string;
  Tags?: { TagKey?: string; TagValue?: string }[];
  MultiRegion?: boolean;
  XksKeyId?: string;
}

function chooseKeySpec(input: Input): KeySpec {
  if (input.KeySpec && input.CustomerMasterKeySpec) {
    throw new KmsError(
      'ValidationException',
      'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec parameter is deprecated. Use KeySpec parameter.',
    );
  }
  return input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
}

function chooseKeyUsage(input: Input, keySpec: KeySpec): KeyUsage {
  const row = keySpecRow(keySpec);
  if (input.KeyUsage === undefined) {
    if (keySpec !== 'SYMMETRIC_DEFAULT') {
      throw new KmsError(
        'ValidationException',
        'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
      );
    }
    return 'ENCRYPT_DECRYPT';
  }
  if (!row.usages.includes(input.KeyUsage)) {
    throw new KmsError(
      'ValidationException',
      `KeyUsage ${input.KeyUsage} is not compatible with KeySpec ${keySpec}`,
    );
  }
  return input.KeyUsage;
}

function checkOrigin(input: Input, keySpec: KeySpec): 'AWS_KMS' | 'EXTERNAL' {
  const origin = input.Origin ?? 'AWS_KMS';
  if (
    origin === 'AWS_CLOUDHSM' ||
    origin === 'EXTERNAL_KEY_STORE' ||
    input.CustomKeyStoreId ||
    input.XksKeyId
  ) {
    throw new KmsError(
      'UnsupportedOperationException',
      'Custom key stores are not supported by this emulator.',
    );
  }
  const row = keySpecRow(keySpec);
  if (origin === 'EXTERNAL' && !row.importable) {
    throw new KmsError('ValidationException', `KeySpec ${keySpec} is not supported for Origin EXTERNAL`);
  }
  if (row.unsupportedReason) throw new KmsError('UnsupportedOperationException', row.unsupportedReason);
  return origin;
}

function checkTags(tags: Input['Tags']): { TagKey: string; TagValue: string }[] {
  return (tags ?? []).map((tag) => {
    if (typeof tag?.TagKey !== 'string' || tag.TagKey.length < 1 || tag.TagKey.length > 128) {
      throw new KmsError('ValidationException', 'Tag keys must be between 1 and 128 characters.');
    }
    const value = tag.TagValue ?? '';
    if (typeof value !== 'string' || value.length > 256) {
      throw new KmsError('ValidationException', 'Tag values must be at most 256 characters.');
    }
    return { TagKey: tag.TagKey, TagValue: value };
  });
}

export const createKey: Operation = {
  input: {
    Policy: { type: 'string', min: 1, max: 131072 },
    Description: { type: 'string', min: 0, max: 8192 },
    KeyUsage: { type: 'string', enum: KEY_USAGES },
    CustomerMasterKeySpec: { type: 'string', enum: KEY_SPECS.filter((s) => !/^ML_DSA|EDWARDS/.test(s)) },
    KeySpec: { type: 'string', enum: KEY_SPECS },
    Origin: { type: 'string', enum: ORIGINS },
    CustomKeyStoreId: { type: 'string', min: 1, max: 64 },
    BypassPolicyLockoutSafetyCheck: { type: 'boolean' },
    Tags: { type: 'list' },
    MultiRegion: { type: 'boolean' },
    XksKeyId: { type: 'string', min: 1, max: 128 },
  },
  async run(ctx: RequestContext, input: Input) {
    const keySpec = chooseKeySpec(input);
    const keyUsage = chooseKeyUsage(input, keySpec);
    const origin = checkOrigin(input, keySpec);
    const tags = checkTags(input.Tags);
    const keyId = input.MultiRegion ? `mrk-${randomBytes(16).toString('hex')}` : randomUUID();
    const now = ctx.clock.nowMs();
    const key: KeyRecord = {
      region: ctx.region,
      keyId,
      arn: keyArn(ctx, ctx.region, keyId),
      accountId: ctx.accountId,
      creationDate: now,
      description: input.Description ?? '',
      keyUsage,
      keySpec,
      origin,
      state: origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
      materials: [],
      onDemandRotations: 0,
      tags,
      policy: input.Policy,
      multiRegion: input.MultiRegion
        ? { type: 'PRIMARY', primaryRegion: ctx.region, replicaRegions: [] }
        : undefined,
    };
    if (origin === 'AWS_KMS') {
      const secret = await generateKeyMaterial(keySpec);
      try {
        secret.use((bytes) => {
          const id = computeMaterialId(ctx.store, keyId, bytes, isAsymmetric(keySpec));
          key.materials.push({
            id,
            sealed: sealMaterial(ctx, key, id, bytes),
            importState: 'IMPORTED',
            materialState: 'CURRENT',
          });
          if (keySpecRow(keySpec).family === 'symmetric') key.currentMaterialId = id;
        });
      } finally {
        secret.wipe();
      }
    }
    ctx.store.commit(putKey(key));
    return { KeyMetadata: keyMetadata(ctx, key) };
  },
};
