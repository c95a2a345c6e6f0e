/**
 * Which Region the ceremony's steps act in. A multi-Region ceremony runs the usual steps (parameters,
 * fingerprint, wrap, approval, import, proof) once per Region: switching Region swaps the connection and
 * the key (the replica's regional ARN, same key ID) and clears the Region's parameters, but keeps the key
 * material, which is the same in every Region (spec §4.4).
 */
import { AppError } from '../../errors';
import { openConnection, type OpenConnection } from '../../kms/connect';
import { describeKeyMetadata } from '../key-description';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import { clearParameters, gateway, requireLog, type CeremonyState } from '../state';
import type { MultiRegionState, RegionConnection } from './multi-region-state';

/**
 * The ceremony's multi-Region state, set up from the selected key (a multi-Region primary) on first use.
 * `openRegion` opens another Region (default: the emulator the ceremony is connected to; AWS callers pass
 * one that applies the endpoint policy per Region). @throws AppError NOT_MULTI_REGION_PRIMARY.
 */
export function multiRegion(
  s: CeremonyState,
  openRegion?: (region: string) => Promise<OpenConnection>,
): MultiRegionState {
  if (s.multiRegion && s.multiRegion.keyId === s.key?.keyId) return s.multiRegion;
  closeRegions(s); // another key was chosen since
  requireLog(s);
  const conn = s.conn;
  const key = s.key;
  if (!conn || !key) {
    throw new AppError(
      'NO_KEY',
      'No key is selected.',
      'Connect and choose the multi-Region primary key first.',
    );
  }
  if (!key.multiRegion || !key.keyId.startsWith('mrk-')) {
    throw new AppError(
      'NOT_MULTI_REGION_PRIMARY',
      `${key.arn} is not a multi-Region key.`,
      'Create the key with “multi-Region” on (KMS cannot make an existing key multi-Region), or choose a multi-Region primary.',
    );
  }
  const opener =
    openRegion ??
    conn.openRegion ??
    (conn.target === 'emulator'
      ? (region: string) => openConnection({ target: 'emulator', endpoint: conn.endpoint, region })
      : () =>
          Promise.reject(
            new AppError(
              'NO_REGION_CONNECTOR',
              'Other Regions need their own connection.',
              'Connect through the app or the script.',
            ),
          ));
  s.multiRegion = {
    keyId: key.keyId,
    primaryRegion: conn.region,
    current: conn.region,
    connections: new Map([[conn.region, conn]]),
    imports: new Map([[conn.region, s.imports]]),
    failures: new Map(),
    openRegion: opener,
  };
  return s.multiRegion;
}

/**
 * The ceremony's multi-Region state with the true primary Region, read from KMS on first use: the key the
 * ceremony picked may be a replica (DescribeKey there names its primary, spec §4.4), and the Regions table,
 * the policy's primary-Region rule and the Region switches are all the primary's view.
 * @throws as multiRegion, or KMS's error from DescribeKey.
 */
export async function openMultiRegion(s: CeremonyState): Promise<MultiRegionState> {
  await knowPrimaryRegion(s);
  return multiRegion(s);
}

/**
 * Before the policy is asked about a multi-Region key (its rows compare the Region the steps act in with the
 * primary's): the primary's Region as KMS names it. A key that is not multi-Region: nothing to know.
 */
export async function knowPrimaryRegion(s: CeremonyState): Promise<void> {
  if (!s.key?.multiRegion || !s.conn || !s.log) return;
  if (s.multiRegion && s.multiRegion.keyId === s.key.keyId) return;
  const mr = multiRegion(s);
  const meta = await gateway(s).describeKey(mr.keyId);
  const primary = meta.MultiRegionConfiguration?.PrimaryKey?.Region;
  if (primary && primary !== mr.primaryRegion) mr.primaryRegion = primary;
}

/** The connection to `region`, opened on first use (same clock as the ceremony's). */
export async function regionConnection(s: CeremonyState, region: string): Promise<RegionConnection> {
  const mr = multiRegion(s);
  const known = mr.connections.get(region);
  if (known) return known;
  const home = mr.connections.get(mr.current)!;
  const opened = await mr.openRegion(region);
  const conn: RegionConnection = { ...opened, now: home.now };
  mr.connections.set(region, conn);
  return conn;
}

/**
 * Makes `region` the one the ceremony's steps act in: its connection, its regional key (described there),
 * its own list of imports; parameters and approvals of the previous Region are cleared, the material kept.
 * @throws AppError REGION_NOT_REPLICATED (not the primary's Region nor a replica's, per the primary's
 * DescribeKey) or REPLICA_CREATING (KMS is still creating it); nothing changes then.
 */
export async function useRegion(s: CeremonyState, region: string) {
  await knowPrimaryRegion(s);
  enforce(policyFacts(s), 'region.select');
  const mr = multiRegion(s);
  if (region !== mr.primaryRegion) {
    const primary = await (await regionConnection(s, mr.primaryRegion)).gateway.describeKey(mr.keyId);
    const replicas = (primary.MultiRegionConfiguration?.ReplicaKeys ?? []).map((r) => r.Region);
    if (!replicas.includes(region)) {
      throw new AppError(
        'REGION_NOT_REPLICATED',
        `${mr.keyId} has no replica in ${region}: its Regions are ${[mr.primaryRegion, ...replicas].join(', ')}.`,
        'Replicate the key into that Region first (Replicate to Regions), or choose one of its Regions.',
      );
    }
  }
  const conn = await regionConnection(s, region);
  const meta = await conn.gateway.describeKey(mr.keyId);
  if (meta.KeyState === 'Creating') {
    throw new AppError(
      'REPLICA_CREATING',
      `KMS is still creating the replica in ${region} (KeyState Creating).`,
      'Wait until the Regions table shows it PendingImport, then continue there.',
    );
  }
  const aliases = region === mr.primaryRegion ? (s.key?.aliases ?? []) : [];
  clearParameters(s);
  s.approval = null;
  s.conn = conn;
  s.key = describeKeyMetadata(meta, aliases);
  mr.imports.set(mr.current, s.imports);
  s.imports = mr.imports.get(region) ?? [];
  mr.current = region;
  await requireLog(s).record({
    action: 'multi-region.region-selected',
    result: 'info',
    keyArn: s.key.arn,
    details: { region, keyState: s.key.keyState, role: region === mr.primaryRegion ? 'PRIMARY' : 'REPLICA' },
  });
  return s.key;
}

/** The primary's gateway (for cross-Region proofs). */
export function primaryGateway(s: CeremonyState) {
  const mr = multiRegion(s);
  return mr.connections.get(mr.primaryRegion)?.gateway ?? gateway(s);
}

/** Closes every Region's connection but the one in use, and forgets the multi-Region state. */
export function closeRegions(s: CeremonyState): void {
  for (const conn of s.multiRegion?.connections.values() ?? []) if (conn !== s.conn) conn.gateway.close();
  s.multiRegion = null;
}
