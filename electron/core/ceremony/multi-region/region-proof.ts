/**
 * After the material is imported into a Region: the proof that this Region holds the same material as the
 * primary (spec §4.3: the same material has the same KeyMaterialId in every Region of a multi-Region key),
 * and the per-Region status of the whole ceremony, read from KMS so that an interrupted ceremony resumes
 * where it stopped.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors';
import { requireLog, runStep, type CeremonyState } from '../state';
import { keyMaterialsListable } from '../../kms/gateway';
import { toKeyMaterialEntry } from '../rotation/key-materials';
import { openMultiRegion, primaryGateway, regionConnection } from './regions';

export interface RegionStatus {
  region: string;
  role: 'PRIMARY' | 'REPLICA';
  keyState: string;
  /** The Region's CURRENT material, when imported there. */
  keyMaterialId: string | null;
  /** Imported, and the same KeyMaterialId as the primary's. */
  done: boolean;
  /** Why the last attempt there failed in this sitting (ReplicateKey, import or proof), when not done. */
  failure: string | null;
}

async function currentImported(s: CeremonyState, region: string, keyId: string): Promise<string | null> {
  const gw = (await regionConnection(s, region)).gateway;
  const meta = await gw.describeKey(keyId);
  // A replica scheduled for deletion is not done either.
  const listable = keyMaterialsListable(meta.KeyState);
  if (!listable || meta.KeySpec !== 'SYMMETRIC_DEFAULT') {
    return meta.KeyState === 'Enabled' || meta.KeyState === 'Disabled'
      ? (meta.CurrentKeyMaterialId ?? null)
      : null;
  }
  const current = (await gw.listKeyMaterials(keyId))
    .map(toKeyMaterialEntry)
    .find((m) => m.keyMaterialState === 'CURRENT');
  return current?.importState === 'IMPORTED' ? current.keyMaterialId : null;
}

/** Every Region of the key (primary first) with whether the same material is imported there. */
export async function multiRegionStatus(s: CeremonyState): Promise<RegionStatus[]> {
  const mr = await openMultiRegion(s);
  const home = await regionConnection(s, mr.primaryRegion);
  const meta = await home.gateway.describeKey(mr.keyId);
  const primaryId = await currentImported(s, mr.primaryRegion, mr.keyId);
  const rows: RegionStatus[] = [
    {
      region: mr.primaryRegion,
      role: 'PRIMARY',
      keyState: meta.KeyState ?? 'Unknown',
      keyMaterialId: primaryId,
      done: primaryId !== null,
      failure: null,
    },
  ];
  for (const replica of meta.MultiRegionConfiguration?.ReplicaKeys ?? []) {
    const region = replica.Region!;
    const replicaMeta = await (await regionConnection(s, region)).gateway.describeKey(mr.keyId);
    const id = await currentImported(s, region, mr.keyId);
    rows.push({
      region,
      role: 'REPLICA',
      keyState: replicaMeta.KeyState ?? 'Unknown',
      keyMaterialId: id,
      done: id !== null && id === primaryId,
      failure: id !== null && id === primaryId ? null : (mr.failures.get(region) ?? null),
    });
  }
  // A Region whose ReplicateKey failed has no replica to list; it is shown with its reason.
  for (const [region, failure] of mr.failures) {
    if (rows.some((r) => r.region === region)) continue;
    rows.push({ region, role: 'REPLICA', keyState: 'none', keyMaterialId: null, done: false, failure });
  }
  return rows;
}

const same = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/**
 * In the current (replica) Region, after its import: its CURRENT material has the primary's KeyMaterialId,
 * and a ciphertext made by the primary decrypts here with that material. Recorded per Region.
 * @throws AppError REGION_PROOF_FAILED saying which check failed.
 */
export async function proveRegion(
  s: CeremonyState,
): Promise<{ region: string; keyMaterialId: string; statements: string[] }> {
  requireLog(s);
  const mr = await openMultiRegion(s);
  const region = mr.current;
  if (region === mr.primaryRegion) {
    throw new AppError(
      'PRIMARY_REGION',
      `${region} is the primary's own Region: its import is proven by Verify.`,
      'Choose a replica Region in the Regions table first.',
    );
  }
  const proof = await runStep(
    s,
    'multi-region.region-verified',
    { region },
    async () => {
      const fail = (what: string) =>
        new AppError(
          'REGION_PROOF_FAILED',
          `${region} could not be proven: ${what}.`,
          'Do not use the key in this Region yet; check its material.',
        );
      const primaryId = await currentImported(s, mr.primaryRegion, mr.keyId);
      const here = await currentImported(s, region, mr.keyId);
      if (!primaryId || here !== primaryId)
        throw fail(
          `its current material is ${here ?? 'not imported'}, the primary’s is ${primaryId ?? 'not imported'}`,
        );
      const probe = randomBytes(32);
      const ciphertext = await primaryGateway(s).encrypt(mr.keyId, probe);
      const out = await (
        await regionConnection(s, region)
      ).gateway.decryptNamingMaterial(mr.keyId, ciphertext);
      if (!same(out.plaintext, probe) || out.keyMaterialId !== primaryId)
        throw fail('a ciphertext of the primary did not decrypt here with the same material');
      return {
        region,
        keyMaterialId: here,
        statements: [
          `${region} holds key material ${here}, the same KeyMaterialId as the primary in ${mr.primaryRegion}.`,
          `A ciphertext made by the primary in ${mr.primaryRegion} decrypts in ${region} with that material.`,
        ],
      };
    },
    (p) => ({ keyMaterialId: p.keyMaterialId, primaryRegion: mr.primaryRegion, statements: p.statements }),
  ).catch((error: unknown) => {
    mr.failures.set(region, error instanceof Error ? error.message : String(error));
    throw error;
  });
  mr.failures.delete(region);
  // The Region's proof stands as its verification (the Verify step, Finish).
  s.verification = {
    method: `multi-Region proof in ${region} (the primary's KeyMaterialId and ciphertext)`,
    passed: true,
    checks: proof.statements.map((detail, i) => ({
      name: i === 0 ? 'Same KeyMaterialId as the primary' : 'Primary ciphertext decrypts here',
      passed: true,
      detail,
    })),
    keyMaterialId: proof.keyMaterialId,
  };
  return proof;
}
