/**
 * Replicating a multi-Region primary with imported material (spec §1.8, §4.4): ReplicateKey per Region
 * (from the primary, once it holds material), then a wait while each replica is Creating. KMS copies no
 * imported material: each replica then needs the same material imported (./region-proof.ts).
 */
import { AppError } from '../../errors';
import { runStep, type CeremonyState } from '../state';
import { multiRegion, regionConnection } from './regions';
import { AWS_REGION_NAME } from '../../../shared/region-name';

export interface ReplicaProgress {
  elapsedSeconds: number;
  regions: { region: string; keyState: string }[];
  done: boolean;
}

/**
 * ReplicateKey into each Region that is not yet a replica (a Region already replicated, e.g. before an
 * interruption, is left as it is). Must run in the primary Region. @throws AppError naming the Region.
 */
export async function replicateTo(s: CeremonyState, regions: readonly string[]): Promise<string[]> {
  const mr = multiRegion(s);
  const home = await regionConnection(s, mr.primaryRegion);
  const bad = regions.find((r) => !AWS_REGION_NAME.test(r) || r === mr.primaryRegion);
  if (bad) {
    throw new AppError(
      'BAD_REGION',
      bad === mr.primaryRegion ? `${bad} is the primary's own Region.` : `"${bad}" is not a Region name.`,
      'Name the replica Regions as AWS names them, e.g. eu-west-1, other than the primary’s.',
    );
  }
  const meta = await home.gateway.describeKey(mr.keyId);
  if (meta.MultiRegionConfiguration?.MultiRegionKeyType !== 'PRIMARY') {
    throw new AppError(
      'NOT_MULTI_REGION_PRIMARY',
      `${meta.Arn} is not a multi-Region primary key.`,
      'Choose the primary key.',
    );
  }
  if (meta.KeySpec !== 'SYMMETRIC_DEFAULT') {
    // Refused before any ReplicateKey: the Region proof compares KeyMaterialIds, which only symmetric
    // material has (spec §4.3), so an HMAC or asymmetric replica would be imported and then never proven.
    throw new AppError(
      'REPLICA_PROOF_UNSUPPORTED',
      `${meta.Arn} is a ${meta.KeySpec} key: this app proves replicas of SYMMETRIC_DEFAULT keys only (by their KeyMaterialId), so it replicates nothing.`,
      'Replicate this key with the AWS console and import the same material per Region, or use a SYMMETRIC_DEFAULT key.',
    );
  }
  const existing = new Set((meta.MultiRegionConfiguration.ReplicaKeys ?? []).map((r) => r.Region));
  const created: string[] = [];
  for (const region of regions) {
    if (existing.has(region)) continue;
    await runStep(
      s,
      'multi-region.replicated',
      { region, keyId: mr.keyId },
      () => home.gateway.replicateKey(mr.keyId, region),
      (r) => ({ replicaArn: r.Arn ?? null, keyState: r.KeyState ?? null }),
    );
    created.push(region);
  }
  return created;
}

/**
 * Waits until no replica in `regions` is Creating, reporting each Region's state every `pollMs`.
 * @throws AppError REPLICA_TIMEOUT after `timeoutMs` (KMS goes on; run the wait again).
 */
export async function waitForReplicas(
  s: CeremonyState,
  regions: readonly string[],
  opts: { onProgress?: (p: ReplicaProgress) => void; pollMs?: number; timeoutMs?: number } = {},
): Promise<ReplicaProgress> {
  const mr = multiRegion(s);
  const begin = Date.now();
  for (;;) {
    const states = [];
    for (const region of regions) {
      const meta = await (await regionConnection(s, region)).gateway.describeKey(mr.keyId);
      states.push({ region, keyState: meta.KeyState ?? 'Unknown' });
    }
    const progress = {
      elapsedSeconds: Math.round((Date.now() - begin) / 1000),
      regions: states,
      done: states.every((r) => r.keyState !== 'Creating'),
    };
    opts.onProgress?.(progress);
    if (progress.done) return progress;
    if (Date.now() - begin >= (opts.timeoutMs ?? 15 * 60_000)) {
      const waiting = states.filter((r) => r.keyState === 'Creating').map((r) => r.region);
      throw new AppError(
        'REPLICA_TIMEOUT',
        `The replicas in ${waiting.join(', ')} were still being created after ${progress.elapsedSeconds} s.`,
        'KMS goes on creating them; wait, then continue the ceremony (it resumes where it stopped).',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 5_000));
  }
}
