/**
 * The expiry planner (issue 13): a read-only inventory of EXTERNAL keys across the Regions and AWS profiles
 * the officers name, one entry per key material, soonest expiry first, so no imported key silently becomes
 * unusable at its ValidTo (spec §1.10: expiry deletes the material and the key returns to PendingImport).
 *
 * Calls only ListKeys, ListAliases, DescribeKey and ListKeyRotations (ALL_KEY_MATERIAL, spec §1.6): it
 * changes nothing in KMS. A Region that cannot be listed (no permission, not enabled, unreachable) is
 * reported with the reason and the planner goes on with the others.
 */
import type { KeyMetadata, RotationsListEntry } from '@aws-sdk/client-kms';
import { toErrorShape } from '../errors';
import { keyMaterialsListable, type KmsGateway } from '../kms/gateway';

/** What the planner needs of a KMS connection (core/kms/gateway.ts). */
export type PlannerGateway = Pick<
  KmsGateway,
  'listKeys' | 'listAliases' | 'describeKey' | 'listKeyMaterials' | 'serverNow' | 'close'
>;

/** One Region of one profile (or the emulator): opened when the planner reaches it. */
export interface PlannerSource {
  /** The AWS profile, null for environment credentials or the emulator. */
  profile: string | null;
  region: string;
  /** @throws AppError when the connection cannot be made (the planner reports it and goes on). */
  open(): Promise<PlannerGateway>;
}

/** Warning thresholds in days before ValidTo (issue 13: 90/30/7). */
export const WARNING_DAYS = [7, 30, 90] as const;
export type ExpiryWarning = 'material-missing' | 'within-7-days' | 'within-30-days' | 'within-90-days' | null;

export interface ExpiryEntry {
  profile: string | null;
  region: string;
  alias: string | null;
  keyId: string;
  keyArn: string;
  keySpec: string;
  keyState: string;
  /** PRIMARY / REPLICA for multi-Region keys, else null. */
  multiRegion: string | null;
  /** Null for keys whose materials KMS does not list (asymmetric, HMAC): DescribeKey's values are used. */
  keyMaterialId: string | null;
  /** CURRENT / NON_CURRENT / PENDING_ROTATION / PENDING_MULTI_REGION_IMPORT_AND_ROTATION, or null. */
  keyMaterialState: string | null;
  /** IMPORTED, or PENDING_IMPORT when the material expired, was deleted or never imported. */
  importState: 'IMPORTED' | 'PENDING_IMPORT';
  expirationModel: string | null;
  /** ISO 8601 UTC, only for KEY_MATERIAL_EXPIRES material that is imported. */
  validTo: string | null;
  /** Whole days from the Region's clock (the server's Date header) to ValidTo, rounded down. */
  daysLeft: number | null;
  warning: ExpiryWarning;
  /** Whether this station's transcripts record a backup of the key's material (backup-records.ts). */
  backup: 'recorded' | 'none' | 'unknown';
}

export interface RegionReport {
  profile: string | null;
  region: string;
  status: 'listed' | 'failed';
  /** EXTERNAL keys found. */
  externalKeys: number;
  /** The Region's clock when it was listed (ISO), what daysLeft counts from. */
  asOf: string | null;
  /** Why the Region could not be listed, in words (failed only). */
  message?: string;
  hint?: string;
}

export interface ExpiryPlan {
  generatedAt: string;
  regions: RegionReport[];
  entries: ExpiryEntry[];
}

export interface PlanOptions {
  /** Key IDs (bare, e.g. "mrk-…" or a UUID) with a backup recorded on this station; omit when unknown. */
  backedUpKeyIds?: ReadonlySet<string>;
  /** The local machine's time, for `generatedAt` only (tests). */
  now?: () => Date;
}

const DAY_MS = 86_400_000;

/**
 * The warning for one material: missing (the key cannot use it until the same material is reimported), or
 * the smallest threshold (7/30/90 days) its ValidTo falls within. Material staged for a multi-Region
 * rotation and not yet imported into this replica is not missing: nothing depends on it yet.
 */
export function warningFor(
  importState: string,
  materialState: string | null,
  daysLeft: number | null,
): ExpiryWarning {
  if (importState !== 'IMPORTED') return materialState?.startsWith('PENDING_') ? null : 'material-missing';
  if (daysLeft === null) return null;
  const within = WARNING_DAYS.find((days) => daysLeft < days);
  return within === undefined ? null : (`within-${within}-days` as ExpiryWarning);
}

/**
 * Lists every source in turn and returns one entry per material of each EXTERNAL key, sorted: missing
 * material first, then by ValidTo (soonest first), then material that does not expire.
 */
export async function planExpiry(
  sources: readonly PlannerSource[],
  opts: PlanOptions = {},
): Promise<ExpiryPlan> {
  const regions: RegionReport[] = [];
  const entries: ExpiryEntry[] = [];
  for (const source of sources) {
    const base = { profile: source.profile, region: source.region };
    let gateway: PlannerGateway | null = null;
    try {
      gateway = await source.open();
      const found = await listRegion(gateway, source, opts.backedUpKeyIds);
      entries.push(...found.entries);
      regions.push({ ...base, status: 'listed', externalKeys: found.keys, asOf: found.asOf });
    } catch (error) {
      const { message, hint } = toErrorShape(error);
      regions.push({ ...base, status: 'failed', externalKeys: 0, asOf: null, message, hint });
    } finally {
      gateway?.close();
    }
  }
  return {
    generatedAt: (opts.now?.() ?? new Date()).toISOString(),
    regions,
    entries: entries.sort(bySoonest),
  };
}

async function listRegion(
  gateway: PlannerGateway,
  source: PlannerSource,
  backedUp: ReadonlySet<string> | undefined,
): Promise<{ entries: ExpiryEntry[]; keys: number; asOf: string }> {
  const { keyIds } = await gateway.listKeys(Number.MAX_SAFE_INTEGER);
  const aliases = await gateway.listAliases();
  const entries: ExpiryEntry[] = [];
  let keys = 0;
  for (const keyId of keyIds) {
    const meta = await gateway.describeKey(keyId);
    if (meta.Origin !== 'EXTERNAL') continue;
    keys += 1;
    const now = gateway.serverNow().getTime();
    const alias = aliases.find((a) => a.TargetKeyId === meta.KeyId)?.AliasName ?? null;
    const backup = backedUp ? (backedUp.has(meta.KeyId ?? keyId) ? 'recorded' : 'none') : 'unknown';
    const key = {
      profile: source.profile,
      region: source.region,
      alias,
      keyId: meta.KeyId ?? keyId,
      keyArn: meta.Arn ?? keyId,
      keySpec: meta.KeySpec ?? 'SYMMETRIC_DEFAULT',
      keyState: meta.KeyState ?? 'Unknown',
      multiRegion: meta.MultiRegionConfiguration?.MultiRegionKeyType ?? null,
      backup,
    } as const;
    for (const material of await materialsOf(gateway, meta)) {
      const validTo = material.validTo ? material.validTo.toISOString() : null;
      const daysLeft = material.validTo ? Math.floor((material.validTo.getTime() - now) / DAY_MS) : null;
      entries.push({
        ...key,
        keyMaterialId: material.id,
        keyMaterialState: material.state,
        importState: material.importState,
        expirationModel: material.expirationModel,
        validTo,
        daysLeft,
        warning: warningFor(material.importState, material.state, daysLeft),
      });
    }
  }
  return { entries, keys, asOf: gateway.serverNow().toISOString() };
}

interface Material {
  id: string | null;
  state: string | null;
  importState: 'IMPORTED' | 'PENDING_IMPORT';
  expirationModel: string | null;
  validTo: Date | null;
}

/**
 * Symmetric keys list their materials (ListKeyRotations, ALL_KEY_MATERIAL); other specs have one material,
 * described by DescribeKey. A symmetric key never imported lists none: it is one missing material.
 */
async function materialsOf(gateway: PlannerGateway, meta: KeyMetadata): Promise<Material[]> {
  // DescribeKey shows ExpirationModel only while the key holds material (a Creating replica has none yet).
  const imported = meta.KeyState !== 'PendingImport' && meta.ExpirationModel !== undefined;
  const fromKey: Material = {
    id: meta.CurrentKeyMaterialId ?? null,
    state: meta.CurrentKeyMaterialId ? 'CURRENT' : null,
    importState: imported ? 'IMPORTED' : 'PENDING_IMPORT',
    expirationModel: imported ? (meta.ExpirationModel ?? null) : null,
    validTo: imported ? (meta.ValidTo ?? null) : null,
  };
  const listable = keyMaterialsListable(meta.KeyState);
  if (meta.KeySpec !== 'SYMMETRIC_DEFAULT' || !listable) return [fromKey];
  const listed = await gateway.listKeyMaterials(meta.KeyId!);
  return listed.length === 0 ? [fromKey] : listed.map(fromRotationEntry);
}

function fromRotationEntry(entry: RotationsListEntry): Material {
  const imported = entry.ImportState !== 'PENDING_IMPORT';
  return {
    id: entry.KeyMaterialId ?? null,
    state: entry.KeyMaterialState ?? null,
    importState: imported ? 'IMPORTED' : 'PENDING_IMPORT',
    expirationModel: imported ? (entry.ExpirationModel ?? null) : null,
    validTo: imported ? (entry.ValidTo ?? null) : null,
  };
}

function bySoonest(a: ExpiryEntry, b: ExpiryEntry): number {
  const rank = (e: ExpiryEntry) => (e.warning === 'material-missing' ? 0 : e.validTo ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    (a.validTo ?? '').localeCompare(b.validTo ?? '') ||
    a.region.localeCompare(b.region) ||
    a.keyArn.localeCompare(b.keyArn)
  );
}
