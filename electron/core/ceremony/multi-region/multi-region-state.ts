/** A multi-Region ceremony's Regions (spec §4.4): the primary's connection and one per replica Region. */
import type { OpenConnection } from '../../kms/connect';

export type RegionConnection = OpenConnection & { now: () => Date };

export interface MultiRegionState {
  /** The multi-Region key ID ("mrk-…"), the same in every Region. */
  keyId: string;
  primaryRegion: string;
  /** The Region whose connection and key the ceremony's steps use now. */
  current: string;
  connections: Map<string, RegionConnection>;
  /** Material imported in this ceremony, per Region (each regional key has its own reimport rule). */
  imports: Map<string, { keyId: string; checkValue: string }[]>;
  /** Why the last attempt in a Region failed (ReplicateKey, import or proof), until it succeeds there. */
  failures: Map<string, string>;
  /** Opens a connection to another Region with the primary's credentials and endpoint policy. */
  openRegion: (region: string) => Promise<OpenConnection>;
}
