/**
 * Whether a multi-Region key's replicas can take an import now, asked before anything is imported: a
 * rotation stages its new material in the primary first (PENDING_MULTI_REGION_IMPORT_AND_ROTATION, spec
 * §4.4 step 6), and KMS rotates only once every replica holds it; a replica that cannot import (scheduled for
 * deletion, still being created; spec §1.10 key-state matrix) would leave that material stranded.
 */
import { AppError } from '../../errors';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import { multiRegion, regionConnection } from './regions';
import { runStep, type CeremonyState } from '../state';

export interface ReplicaReadiness {
  region: string;
  keyState: string;
}

/** Key states in which ImportKeyMaterial and GetParametersForImport fail (spec §1.10), said for officers. */
const BLOCKED: Record<string, (region: string, meta: KeyMetadata) => { message: string; hint: string }> = {
  PendingDeletion: (region, meta) => {
    const date = meta.DeletionDate?.toISOString() ?? 'its deletion date';
    return {
      message: `The replica in ${region} (${meta.Arn}) is scheduled for deletion on ${date} (KeyState PendingDeletion): KMS imports no key material into it.`,
      hint: `Nothing was imported into ${region}. Either cancel its deletion (CancelKeyDeletion in ${region}; if it held material it comes back Disabled: enable it if your procedures allow) and run again, or let KMS delete it and run again after ${date}, when it is no longer one of the key's Regions.`,
    };
  },
  PendingReplicaDeletion: (region, meta) => ({
    message: `The key in ${region} (${meta.Arn}) is waiting for its replicas to be deleted (KeyState PendingReplicaDeletion): KMS imports no key material into it.`,
    hint: `Nothing was imported into ${region}. Cancel the deletion there and run again, or choose another key.`,
  }),
  Creating: (region) => ({
    message: `KMS is still creating the replica in ${region} (KeyState Creating): it cannot take key material yet.`,
    hint: `Nothing was imported into ${region}. Wait until it is PendingImport or Enabled (usually minutes), then run again.`,
  }),
  Updating: (region) => ({
    message: `The replica in ${region} is being updated (KeyState Updating), for example its primary is changing.`,
    hint: `Nothing was imported into ${region}. Wait until the update has finished, then run again.`,
  }),
  Unavailable: (region) => ({
    message: `The replica in ${region} is Unavailable.`,
    hint: `Nothing was imported into ${region}. Find out why there (AWS console › KMS) before running again.`,
  }),
};

/**
 * Describes the key in each of `regions` (default: every replica the primary lists) and refuses, in words,
 * the first that cannot take an import; each check is recorded (`multi-region.replica-checked`). @returns each Region's KeyState.
 * @throws AppError REPLICA_PENDING_DELETION, REPLICA_PENDING_REPLICA_DELETION, REPLICA_CREATING,
 *   REPLICA_UPDATING or REPLICA_UNAVAILABLE naming the Region (and its DeletionDate); NOT_MULTI_REGION_PRIMARY;
 *   the connection's refusal (e.g. a script's endpoint policy) for a Region it cannot open.
 */
export async function checkReplicasCanImport(
  s: CeremonyState,
  regions?: readonly string[],
): Promise<ReplicaReadiness[]> {
  const mr = multiRegion(s);
  const primary = await (await regionConnection(s, mr.primaryRegion)).gateway.describeKey(mr.keyId);
  const names =
    regions ?? (primary.MultiRegionConfiguration?.ReplicaKeys ?? []).map((r) => r.Region!).filter(Boolean);
  const ready: ReplicaReadiness[] = [];
  for (const region of names) {
    const meta = await (await regionConnection(s, region)).gateway.describeKey(mr.keyId);
    const state = meta.KeyState ?? 'Unknown';
    // Recorded either way: the transcript says why a Region was not imported into.
    await runStep(s, 'multi-region.replica-checked', { region, keyState: state }, () => {
      const blocked = BLOCKED[state]?.(region, meta);
      if (blocked)
        throw new AppError(
          `REPLICA_${state.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`,
          blocked.message,
          blocked.hint,
        );
    });
    ready.push({ region, keyState: state });
  }
  return ready;
}
