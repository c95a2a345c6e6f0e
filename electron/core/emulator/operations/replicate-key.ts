import { keyArn, type RequestContext } from '../context';
import { KmsError } from '../errors';
import { keyMetadata } from '../metadata';
import { draft, resolveKey } from '../resolve';
import { assertState } from '../state-machine';
import { putKey } from '../store/kms-store';
import type { KeyRecord } from '../store/records';
import { shapes } from '../wire';
import type { Operation } from './operation';

/**
 * ReplicateKey (spec §1.8, §4.4): several Regions live in one emulator. The replica shares the key ID, spec,
 * usage and origin; it is Creating for a moment, then PendingImport for EXTERNAL keys (imported material is
 * never copied: import the same bytes into the replica) or Enabled for AWS_KMS keys (material is shared).
 * The primary must already have material.
 */
interface Input {
  KeyId: string;
  ReplicaRegion: string;
  Description?: string;
  Policy?: string;
  Tags?: { TagKey: string; TagValue: string }[];
}

export const replicateKey: Operation = {
  input: {
    KeyId: shapes.keyId,
    ReplicaRegion: { type: 'string', required: true, min: 1, max: 32, pattern: /^([a-z]+-){2,3}\d+$/ },
    Policy: { type: 'string', min: 1, max: 131072 },
    BypassPolicyLockoutSafetyCheck: { type: 'boolean' },
    Description: { type: 'string', min: 0, max: 8192 },
    Tags: { type: 'list' },
  },
  run(ctx: RequestContext, input: Input) {
    const primary = resolveKey(ctx, input.KeyId);
    if (primary.multiRegion?.type !== 'PRIMARY') {
      const what = primary.multiRegion ? 'a replica' : 'not a multi-Region';
      throw new KmsError(
        'UnsupportedOperationException',
        `${primary.arn} is ${what} key; ReplicateKey needs a multi-Region primary key.`,
      );
    }
    assertState('replicate', primary.state, primary.arn);
    const region = input.ReplicaRegion;
    if (region === primary.region || ctx.store.getKey(region, primary.keyId)) {
      throw new KmsError(
        'AlreadyExistsException',
        `Multi-Region key ${primary.keyId} already exists in ${region}.`,
      );
    }
    const now = ctx.clock.nowMs();
    const external = primary.origin === 'EXTERNAL';
    const replica: KeyRecord = {
      region,
      keyId: primary.keyId,
      arn: keyArn(ctx, region, primary.keyId),
      accountId: primary.accountId,
      creationDate: now,
      description: input.Description ?? primary.description,
      keyUsage: primary.keyUsage,
      keySpec: primary.keySpec,
      origin: primary.origin,
      state: 'Creating',
      readyAt: now + ctx.replicaCreatingSeconds * 1000,
      multiRegion: { type: 'REPLICA', primaryRegion: primary.region, replicaRegions: [] },
      materials: external ? [] : structuredClone(primary.materials),
      currentMaterialId: external ? undefined : primary.currentMaterialId,
      onDemandRotations: 0,
      tags: input.Tags ?? primary.tags,
      policy: input.Policy ?? primary.policy,
    };
    const updatedPrimary = draft(primary);
    updatedPrimary.multiRegion!.replicaRegions.push(region);
    ctx.store.commit(putKey(updatedPrimary), putKey(replica));
    return {
      ReplicaKeyMetadata: keyMetadata(ctx, replica),
      ReplicaPolicy: replica.policy,
      ReplicaTags: replica.tags,
    };
  },
};
