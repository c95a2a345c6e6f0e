import type { EmulatorContext } from './context';
import { transition } from './state-machine';
import { deleteAlias, deleteKey, putKey, type Change } from './store/kms-store';
import type { KeyRecord, MaterialRecord } from './store/records';

/**
 * Time-driven changes, applied when a key is next touched (and by the sweep after the clock moves): material
 * expiry at ValidTo (spec §1.10: key → PendingImport), the end of a replica's Creating phase, completion of an
 * on-demand rotation, and deletion at DeletionDate. Each change is journaled like any other.
 */
const DAY_MS = 86_400_000;

const isPending = (m: MaterialRecord) =>
  m.materialState === 'PENDING_ROTATION' || m.materialState === 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION';

/** Drops a material's bytes; pending material leaves the list, associated material stays as PENDING_IMPORT. */
export function removeMaterial(key: KeyRecord, material: MaterialRecord): void {
  if (isPending(material)) {
    key.materials = key.materials.filter((m) => m !== material);
    return;
  }
  material.sealed = null;
  material.importState = 'PENDING_IMPORT';
  delete material.expirationModel;
  delete material.validTo;
  key.state = transition(key.state, 'materialLost');
}

export { isPending };

function expire(key: KeyRecord, now: number): boolean {
  let changed = false;
  for (const material of [...key.materials]) {
    if (material.importState === 'IMPORTED' && material.validTo !== undefined && material.validTo <= now) {
      removeMaterial(key, material);
      changed = true;
    }
  }
  return changed;
}

/** Completes a due rotation on a key record (primary or replica): pending → CURRENT, CURRENT → NON_CURRENT. */
export function completeRotation(key: KeyRecord, rotationDate: number): void {
  const pending = key.materials.find(isPending);
  if (!pending) return;
  for (const m of key.materials) if (m.materialState === 'CURRENT') m.materialState = 'NON_CURRENT';
  pending.materialState = 'CURRENT';
  pending.rotationDate = rotationDate;
  pending.rotationType = 'ON_DEMAND';
  key.currentMaterialId = pending.id;
  delete key.rotationStartedAt;
}

/** Applies due changes to one key; returns the current record, or undefined once it is deleted. */
export function settleKey(ctx: EmulatorContext, stored: KeyRecord): KeyRecord | undefined {
  const now = ctx.clock.nowMs();
  const due =
    (stored.state === 'Creating' && (stored.readyAt ?? 0) <= now) ||
    (stored.deletionDate !== undefined && stored.deletionDate <= now) ||
    (stored.rotationStartedAt !== undefined &&
      stored.rotationStartedAt + ctx.rotationSeconds * 1000 <= now) ||
    stored.materials.some((m) => m.importState === 'IMPORTED' && m.validTo !== undefined && m.validTo <= now);
  if (!due) return stored;

  const key = structuredClone(stored);
  const changes: Change[] = [];
  if (key.deletionDate !== undefined && key.deletionDate <= now) {
    changes.push(deleteKey(key.region, key.keyId));
    for (const alias of ctx.store.aliasesIn(key.region)) {
      if (alias.targetKeyId === key.keyId) changes.push(deleteAlias(key.region, alias.aliasName));
    }
    const primary =
      key.multiRegion?.type === 'REPLICA' && ctx.store.getKey(key.multiRegion.primaryRegion, key.keyId);
    if (primary) {
      const updated = structuredClone(primary);
      updated.multiRegion!.replicaRegions = updated.multiRegion!.replicaRegions.filter(
        (r) => r !== key.region,
      );
      if (updated.state === 'PendingReplicaDeletion' && updated.multiRegion!.replicaRegions.length === 0) {
        updated.state = 'PendingDeletion';
        updated.deletionDate = now + (updated.pendingWindowInDays ?? 30) * DAY_MS;
      }
      changes.push(putKey(updated));
    }
    ctx.store.commit(...changes);
    return undefined;
  }
  if (key.state === 'Creating' && (key.readyAt ?? 0) <= now) {
    const hasMaterial = key.materials.some((m) => m.sealed !== null);
    key.state = transition(key.state, hasMaterial ? 'replicaReadyWithMaterial' : 'replicaReadyExternal');
    delete key.readyAt;
  }
  if (key.rotationStartedAt !== undefined && key.rotationStartedAt + ctx.rotationSeconds * 1000 <= now) {
    const rotationDate = key.rotationStartedAt + ctx.rotationSeconds * 1000;
    completeRotation(key, rotationDate);
    // Replicas follow the primary's rotation [O-SD].
    for (const region of key.multiRegion?.replicaRegions ?? []) {
      const replica = ctx.store.getKey(region, key.keyId);
      if (!replica) continue;
      const updated = structuredClone(replica);
      completeRotation(updated, rotationDate);
      changes.push(putKey(updated));
    }
  }
  expire(key, now);
  changes.push(putKey(key));
  ctx.store.commit(...changes);
  return ctx.store.getKey(key.region, key.keyId);
}

/** Settles every key (after the clock moves), so expiry shows in ListKeys-style views too. */
export function settleAll(ctx: EmulatorContext): void {
  for (const key of [...ctx.store.keys.values()]) settleKey(ctx, key);
}
