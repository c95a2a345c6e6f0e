/**
 * Replicating a multi-Region primary with imported material (spec §1.8, §4.4): ReplicateKey per Region
 * (from the primary, once it holds material), then a wait while each replica is Creating. KMS copies no
 * imported material: each replica then needs the same material imported (./region-proof.ts).
 */
import type { Confirm } from '../../confirmation';
import { AppError, toErrorShape } from '../../errors';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import { kmsIntent, requireLog, runStep, type CeremonyState } from '../state';
import { knowPrimaryRegion, multiRegion, openMultiRegion, regionConnection } from './regions';
import { AWS_REGION_NAME } from '../../../shared/region-name';

export interface ReplicaProgress {
  elapsedSeconds: number;
  regions: { region: string; keyState: string }[];
  done: boolean;
}

/**
 * ReplicateKey into each Region that is not yet a replica (a Region already replicated, e.g. before an
 * interruption, is left as it is). Policy row `region.replicate` (the primary Region, the ceremony's key);
 * each call's intent is recorded first. @throws AppError naming the Region; Regions done before stay done.
 */
export async function replicateTo(s: CeremonyState, regions: readonly string[]): Promise<string[]> {
  await knowPrimaryRegion(s);
  enforce(policyFacts(s), 'region.replicate');
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
    await kmsIntent(s, 'ReplicateKey', { keyId: mr.keyId, replicaRegion: region });
    await runStep(
      s,
      'multi-region.replicated',
      { region, keyId: mr.keyId },
      () =>
        home.gateway.replicateKey(mr.keyId, region).catch((error: unknown) => {
          throw replicateError(region, error);
        }),
      (r) => ({ replicaArn: r.Arn ?? null, keyState: r.KeyState ?? null }),
    ).catch((error: unknown) => {
      mr.failures.set(region, toErrorShape(error).message);
      throw error;
    });
    mr.failures.delete(region);
    created.push(region);
  }
  return created;
}

/** KMS's refusal of one Region, said with the Region's name (an opt-in Region must be enabled first). */
function replicateError(region: string, error: unknown): AppError {
  const { code, message } = toErrorShape(error);
  if (code === 'AlreadyExistsException')
    return new AppError(
      code,
      `${region} already holds a replica of this key (KMS: ${message})`,
      'Nothing was changed there. Import into it from the Regions table.',
    );
  return new AppError(
    code,
    `KMS refused to replicate the key into ${region}: ${message}`,
    `Check that ${region} is a Region your account has enabled (opt-in Regions are enabled under AWS console › Account › AWS Regions) and that you may call kms:ReplicateKey and kms:CreateKey there; Regions replicated before stay as they are.`,
  );
}

/**
 * The app's Replicate to Regions: each Region named must be new (a replica that exists is refused in words,
 * so what the officers confirm is exactly what is created), then main asks natively, naming the key and the
 * Regions, and replicates. Declining is recorded and changes nothing.
 * @returns the Regions replicated, or `{ cancelled: true }`.
 */
export async function replicateConfirmed(
  s: CeremonyState,
  regions: readonly string[],
  confirm: Confirm,
): Promise<{ created: string[] } | { cancelled: true }> {
  await knowPrimaryRegion(s);
  enforce(policyFacts(s), 'region.replicate');
  const mr = multiRegion(s);
  const meta = await (await regionConnection(s, mr.primaryRegion)).gateway.describeKey(mr.keyId);
  const existing = (meta.MultiRegionConfiguration?.ReplicaKeys ?? []).map((r) => r.Region!);
  const again = regions.filter((r) => existing.includes(r));
  if (again.length > 0) {
    throw new AppError(
      'REPLICA_EXISTS',
      `${again.join(' and ')} already ${again.length > 1 ? 'hold replicas' : 'holds a replica'} of ${mr.keyId}: ReplicateKey would be refused there.`,
      'Nothing was changed. Untick that Region; import into an existing replica from the Regions table.',
    );
  }
  const key = s.key!;
  const yes = await confirm({
    title: 'Replicate the key into other Regions',
    message: `Create replicas of ${key.arn} in ${regions.join(', ')}?`,
    detail: [
      `Aliases: ${key.aliases.length ? key.aliases.join(', ') : '(none)'}`,
      'Each replica is a new KMS key (same key ID) in that Region, PendingImport until the same key material is imported there. Replicas cannot be undone except by scheduling their deletion.',
    ].join('\n'),
    confirmLabel: 'Replicate',
  });
  if (!yes) {
    await requireLog(s).record({
      action: 'kms.declined',
      result: 'info',
      keyArn: key.arn,
      details: { operation: 'ReplicateKey', regions: [...regions] },
    });
    return { cancelled: true };
  }
  return { created: await replicateTo(s, regions) };
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
  const mr = await openMultiRegion(s);
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
