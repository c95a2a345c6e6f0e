/**
 * A multi-Region rotation, Region by Region (spec §1.11, §4.4 step 6): the NEW material imported into the
 * primary waits as PENDING_MULTI_REGION_IMPORT_AND_ROTATION until the same bytes are imported into every
 * replica (each replica lists it PENDING_IMPORT until then); then it is PENDING_ROTATION and the primary may
 * rotate. Read from KMS each time, so an interrupted ceremony shows which Regions hold the new material.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors';
import { openMultiRegion, regionConnection } from '../multi-region/regions';
import { rotationInScope } from './begin';
import { requireKey, type CeremonyState } from '../state';
import { keyMaterialsListable } from '../../kms/gateway';
import { isPendingMaterial, toKeyMaterialEntry, type KeyMaterialEntry } from './key-materials';

export interface RotationRegion {
  region: string;
  role: 'PRIMARY' | 'REPLICA';
  keyState: string;
  /** The new material's ImportState there (IMPORTED / PENDING_IMPORT), or null when it is not listed. */
  importState: string | null;
  /** Its KeyMaterialState there (PENDING_MULTI_REGION_IMPORT_AND_ROTATION, PENDING_ROTATION, CURRENT…). */
  keyMaterialState: string | null;
  /** The Region holds the new material (imported). */
  done: boolean;
  /** Why the last import there failed in this sitting, until it succeeds. */
  failure: string | null;
}

export interface RotationRegions {
  keyId: string;
  primaryRegion: string;
  current: string;
  /** The material being rotated to: the primary's pending material, or the one this ceremony rotated to. */
  keyMaterialId: string | null;
  regions: RotationRegion[];
  /** Every Region holds it: the primary may be rotated (or has been). */
  allDone: boolean;
}

async function materialsIn(s: CeremonyState, region: string, keyId: string): Promise<KeyMaterialEntry[]> {
  const gw = (await regionConnection(s, region)).gateway;
  return (await gw.listKeyMaterials(keyId)).map(toKeyMaterialEntry);
}

/**
 * Each Region of the selected multi-Region key with the rotation's new material's state there, primary
 * first. Read-only. @throws AppError NOT_MULTI_REGION_PRIMARY / NO_KEY (../multi-region/regions.ts), or KMS's.
 */
export async function rotationRegions(s: CeremonyState): Promise<RotationRegions> {
  requireKey(s);
  const mr = await openMultiRegion(s);
  const home = (await regionConnection(s, mr.primaryRegion)).gateway;
  const meta = await home.describeKey(mr.keyId);
  const primaryMaterials = await materialsIn(s, mr.primaryRegion, mr.keyId);
  const id =
    primaryMaterials.find(isPendingMaterial)?.keyMaterialId ??
    (s.rotation?.keyArn === meta.Arn ? (s.rotation?.started?.toKeyMaterialId ?? null) : null);
  const row = (
    region: string,
    role: RotationRegion['role'],
    keyState: string,
    materials: KeyMaterialEntry[],
  ): RotationRegion => {
    const m = id ? materials.find((x) => x.keyMaterialId === id) : undefined;
    const done = m?.importState === 'IMPORTED';
    return {
      region,
      role,
      keyState,
      importState: m?.importState ?? null,
      keyMaterialState: m?.keyMaterialState ?? null,
      done,
      failure: done ? null : (mr.failures.get(region) ?? null),
    };
  };
  const regions = [row(mr.primaryRegion, 'PRIMARY', meta.KeyState ?? 'Unknown', primaryMaterials)];
  for (const replica of meta.MultiRegionConfiguration?.ReplicaKeys ?? []) {
    const region = replica.Region!;
    const replicaMeta = await (await regionConnection(s, region)).gateway.describeKey(mr.keyId);
    const listable = keyMaterialsListable(replicaMeta.KeyState);
    regions.push(
      row(
        region,
        'REPLICA',
        replicaMeta.KeyState ?? 'Unknown',
        listable ? await materialsIn(s, region, mr.keyId) : [],
      ),
    );
  }
  return {
    keyId: mr.keyId,
    primaryRegion: mr.primaryRegion,
    current: mr.current,
    keyMaterialId: id,
    regions,
    allDone: id !== null && regions.every((r) => r.done),
  };
}

/**
 * In a replica Region of this ceremony's multi-Region rotation, only the material staged on the primary
 * may be imported: the key's previous material would also be accepted by KMS (a reimport), and the
 * replica would then still lack the new one.
 * @returns the staged KeyMaterialId, for the import to name (ImportType EXISTING_KEY_MATERIAL with
 *   KeyMaterialId: KMS then accepts only that material, spec §4.1 row 19), or null outside such a Region.
 * @throws AppError ROTATION_OTHER_MATERIAL when the check value shows other material; nothing is sent.
 */
export function requireStagedMaterialInReplica(s: CeremonyState, checkValue: string): string | null {
  const mr = s.multiRegion;
  const staged = s.rotation?.staged;
  if (!mr || mr.current === mr.primaryRegion || !staged || s.rotation?.started || !rotationInScope(s))
    return null;
  // A continued rotation does not know the check value: KMS checks the material against the id sent.
  if (staged.checkValue === null || checkValue === staged.checkValue) return staged.keyMaterialId;
  throw new AppError(
    'ROTATION_OTHER_MATERIAL',
    `The material held now (check value ${checkValue}) is not the rotation's new material ${staged.keyMaterialId} (check value ${staged.checkValue}) staged on the primary in ${mr.primaryRegion}.`,
    'Nothing was sent to KMS. Load the new material again (the same file, or its backup), wrap it for this Region, and import.',
  );
}

const same = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/**
 * After the primary rotated to `to`: in each replica Region, `to` is CURRENT and a ciphertext the primary
 * made now decrypts there with `to` (replicas follow the primary's rotation, spec §1.7). One sentence per
 * Region for the proof; `fail(what)` makes the proof's error. Nothing to say for a single-Region key.
 */
export async function proveReplicasRotated(
  s: CeremonyState,
  to: string,
  fail: (what: string) => Error,
): Promise<string[]> {
  if (!s.key?.multiRegion) return [];
  const status = await rotationRegions(s);
  const replicas = status.regions.filter((r) => r.role === 'REPLICA');
  if (replicas.length === 0) return [];
  const probe = randomBytes(32);
  const home = (await regionConnection(s, status.primaryRegion)).gateway;
  const ciphertext = await home.encrypt(status.keyId, probe);
  const statements: string[] = [];
  for (const r of replicas) {
    if (r.keyMaterialState !== 'CURRENT') {
      throw fail(`${r.region} lists ${to} as ${r.keyMaterialState ?? 'absent'}, not CURRENT`);
    }
    const gw = (await regionConnection(s, r.region)).gateway;
    const out = await gw.decryptNamingMaterial(status.keyId, ciphertext);
    if (!same(out.plaintext, probe) || out.keyMaterialId !== to)
      throw fail(`a ciphertext of the primary did not decrypt in ${r.region} with ${to}`);
    statements.push(
      `${r.region} (replica) follows: ${to} is CURRENT there, and a ciphertext made by the primary in ${status.primaryRegion} decrypts there with it.`,
    );
  }
  return statements;
}
