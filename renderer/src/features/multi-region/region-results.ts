/** One Region's result in words, and whether every Region holds the same KeyMaterialId (spec §4.3). */
import type { MultiRegionStatus } from '../../../../electron/shared/ipc-contract';

export type RegionRow = MultiRegionStatus['regions'][number];

/** What a Region row needs for its result (the multi-Region table's and the rotation table's rows). */
interface ResultRow {
  done: boolean;
  keyState: string;
  failure: string | null;
  role: string;
}

/** The words of a table whose rows say what one material is doing in each Region. */
export interface ResultWords<R> {
  done: (r: R) => string;
  pendingPrimary: string;
  pendingReplica: string;
}

const SAME_MATERIAL: ResultWords<ResultRow> = {
  done: () => 'Done — same material as the primary',
  pendingPrimary: 'Pending: import into the primary first',
  pendingReplica: 'Pending: import the same material here',
};

/** One Region's result: done, being created, failed, else pending (in the primary first). */
export function regionResult<R extends ResultRow>(
  r: R,
  words: ResultWords<R> = SAME_MATERIAL,
): { kind: 'done' | 'creating' | 'failed' | 'pending'; text: string } {
  if (r.done) return { kind: 'done', text: words.done(r) };
  if (r.keyState === 'Creating') return { kind: 'creating', text: 'Creating: KMS is making the replica' };
  if (r.failure) return { kind: 'failed', text: `Failed: ${r.failure}` };
  return { kind: 'pending', text: r.role === 'PRIMARY' ? words.pendingPrimary : words.pendingReplica };
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
