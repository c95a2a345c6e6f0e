import type { EmulatorContext } from './context';
import { isPending } from './lifecycle';
import type { KeyRecord, MaterialRecord } from './store/records';

/**
 * Which materials a key is bound to (spec §1.11, §4.4). A multi-Region replica is bound to its primary's
 * materials and holds its own copies (imported separately, same bytes, same KeyMaterialId).
 */
export function primaryOf(ctx: EmulatorContext, key: KeyRecord): KeyRecord | undefined {
  const mr = key.multiRegion;
  if (!mr) return undefined;
  return mr.type === 'PRIMARY' ? key : ctx.store.getKey(mr.primaryRegion, key.keyId);
}

export const isReplica = (key: KeyRecord) => key.multiRegion?.type === 'REPLICA';

/** The materials this key is expected to hold: its own, or for a replica its primary's. */
export function boundMaterials(ctx: EmulatorContext, key: KeyRecord): MaterialRecord[] {
  return isReplica(key) ? (primaryOf(ctx, key)?.materials ?? []) : key.materials;
}

export const isPermanent = (m: MaterialRecord) => !isPending(m);

/** True when every permanently associated material is imported in this key, so the key may be Enabled. */
export function hasAllPermanentMaterial(ctx: EmulatorContext, key: KeyRecord): boolean {
  const expected = boundMaterials(ctx, key).filter(isPermanent);
  return (
    expected.length > 0 &&
    expected.every((e) => key.materials.some((m) => m.id === e.id && m.importState === 'IMPORTED'))
  );
}
