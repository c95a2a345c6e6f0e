/**
 * A multi-Region ceremony's per-Region results, read from its transcript (issue 13): the primary's import
 * and proof, then each Region replicated or imported into — its regional key ARN, the KeyMaterialId it was
 * proven to hold, or why it failed. A Region with no successful proof is listed as not done, so a record of
 * an interrupted ceremony says which Regions are done.
 */
import type { Json } from '../transcript';
import type { RecordStep } from './record-model';

export interface RecordRegion {
  region: string;
  role: 'PRIMARY' | 'REPLICA';
  keyArn: string | null;
  /** proven: imported and proven; imported: no proof recorded; replicated: no import; failed: see `detail`. */
  result: 'proven' | 'imported' | 'replicated' | 'failed';
  keyMaterialId: string | null;
  detail: string | null;
}

const str = (v: Json | undefined) => (typeof v === 'string' && v.length > 0 ? v : null);
const regionOf = (arn: string | null) => arn?.split(':')[3] ?? null;

/** Null when the transcript holds no multi-Region step. */
export function regionResults(steps: RecordStep[]): RecordRegion[] | null {
  if (!steps.some((s) => s.action.startsWith('multi-region.'))) return null;
  const rows = new Map<string, RecordRegion>();
  const row = (region: string, role: RecordRegion['role']) => {
    let r = rows.get(region);
    if (!r) {
      r = { region, role, keyArn: null, result: 'replicated', keyMaterialId: null, detail: null };
      rows.set(region, r);
    }
    return r;
  };
  const primaryRegion =
    regionOf(steps.find((s) => s.action === 'multi-region.replicated')?.keyArn ?? null) ??
    str(steps.find((s) => s.action === 'multi-region.region-verified')?.details.primaryRegion) ??
    str(
      steps.find((s) => s.action === 'multi-region.region-selected' && s.details.role === 'PRIMARY')?.details
        .region,
    );
  if (primaryRegion) row(primaryRegion, 'PRIMARY');
  for (const s of steps) {
    const region = str(s.details.region) ?? regionOf(s.keyArn);
    if (!region) continue;
    const role = region === primaryRegion ? 'PRIMARY' : 'REPLICA';
    if (s.action === 'multi-region.region-selected') {
      row(region, role).keyArn ??= s.keyArn;
    } else if (s.action === 'multi-region.replicated') {
      const r = row(region, role);
      if (s.result === 'error') Object.assign(r, { result: 'failed', detail: s.error?.message ?? null });
      else r.keyArn = str(s.details.replicaArn) ?? r.keyArn;
    } else if (s.action === 'material.imported' && rows.has(regionOf(s.keyArn) ?? '')) {
      const r = row(regionOf(s.keyArn)!, role);
      r.keyArn = s.keyArn;
      if (s.result === 'ok')
        Object.assign(r, { result: 'imported', keyMaterialId: str(s.details.keyMaterialId), detail: null });
      else if (r.result !== 'proven')
        Object.assign(r, { result: 'failed', detail: s.error?.message ?? null });
    } else if (s.action === 'import.verified' && role === 'PRIMARY' && rows.has(region)) {
      const r = row(region, role);
      if (s.result === 'ok' && s.details.passed !== false)
        Object.assign(r, { result: 'proven', detail: null });
    } else if (s.action === 'multi-region.region-verified') {
      const r = row(region, role);
      if (s.result === 'ok')
        Object.assign(r, { result: 'proven', keyMaterialId: str(s.details.keyMaterialId), detail: null });
      else Object.assign(r, { result: 'failed', detail: s.error?.message ?? null });
    }
  }
  return [...rows.values()];
}
