/** One Region's result in words, and whether every Region holds the same KeyMaterialId (spec §4.3). */
import type { MultiRegionStatus } from '../../../../electron/shared/ipc-contract';

export type RegionRow = MultiRegionStatus['regions'][number];

export function regionResult(r: RegionRow): {
  kind: 'done' | 'creating' | 'failed' | 'pending';
  text: string;
} {
  if (r.done) return { kind: 'done', text: 'Done — same material as the primary' };
  if (r.keyState === 'Creating') return { kind: 'creating', text: 'Creating: KMS is making the replica' };
  if (r.failure) return { kind: 'failed', text: `Failed: ${r.failure}` };
  return {
    kind: 'pending',
    text:
      r.role === 'PRIMARY'
        ? 'Pending: import into the primary first'
        : 'Pending: import the same material here',
  };
}

/** The KeyMaterialId every done Region holds, and whether they all agree (and every Region is done). */
export function sameMaterial(status: MultiRegionStatus): {
  id: string | null;
  identical: boolean;
  allDone: boolean;
} {
  const ids = [
    ...new Set(status.regions.map((r) => r.keyMaterialId).filter((id): id is string => id !== null)),
  ];
  return {
    id: ids.length === 1 ? ids[0]! : null,
    identical: ids.length <= 1,
    allDone: status.regions.every((r) => r.done),
  };
}
