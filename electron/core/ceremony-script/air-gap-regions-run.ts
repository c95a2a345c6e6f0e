/**
 * A multi-Region key across the air gap from scripts (issue 13; session side in
 * core/ceremony/multi-region/air-gap-regions.ts): `replicas: { regions }` with `--until parameters` fetches
 * each replica Region's own parameters into the same bundle; the offline run confirms every Region's
 * fingerprint (its `fingerprint.witness`) and wraps for each; `--from wrapped-bundle` imports the first
 * Region as usual, then each other Region with its approval and the proof of the same KeyMaterialId.
 */
import type { CeremonySession } from '../ceremony/session';
import { formatHash } from '../../shared/display/hash-format';
import { resolveExpiration } from './plan';
import { approveAndImportInRegion, printRegions } from './replicas-run';
import type { RunContext } from './run-steps';
import type { StepPrinter } from './step-printer';

/** Online, `--until parameters`: each replica Region's parameters, with the words to read aloud. */
export async function fetchReplicaParameters(
  s: CeremonySession,
  steps: StepPrinter,
  regions: readonly string[],
): Promise<void> {
  const fetched = await steps.step(
    'parameters.fetched',
    () => s.fetchOtherRegionParameters(regions),
    (list) => list.map((r) => `${r.region} · public key ${formatHash(r.publicKeySha256)}`).join('; '),
  );
  for (const r of fetched)
    steps.print(`fingerprint for ${r.region} to read aloud on the offline station: ${r.words.join(' ')}`);
}

/** Offline: when the bundle carries other Regions, confirms each fingerprint and wraps the material for each. */
export async function wrapForOtherRegions(
  s: CeremonySession,
  steps: StepPrinter,
  witness: string | null,
): Promise<void> {
  const regions = s.airGapRegions();
  if (regions.length === 0) return;
  if (witness) {
    for (const r of regions) {
      await steps.step(
        'fingerprint.confirmed',
        () => s.confirmRegionFingerprint(r.region, { witness, heardWords: null }),
        (c) => `${r.region} · ${c.message}`,
      );
    }
  }
  await steps.step(
    'material.wrapped',
    () => s.wrapOtherRegions(),
    (list) => list.map((r) => `${r.region} · ${formatHash(r.wrappedSha256!)}`).join('; '),
  );
}

/** Online, `--from wrapped-bundle`: after the first Region, each other Region's approval, import and proof. */
export async function importIntoOtherRegions(ctx: RunContext): Promise<void> {
  const s = ctx.station.session;
  const regions = s.airGapRegions();
  if (regions.length === 0) return;
  for (const r of regions) {
    await ctx.steps.step(
      'multi-region.region-selected',
      () => s.useAirGapRegion(r.region),
      (k) => `${r.region} · ${k.arn} · ${k.keyState}`,
    );
    await approveAndImportInRegion(
      s,
      ctx.steps,
      ctx.script.approvedBy ?? [],
      resolveExpiration(ctx.script.expiration!, ctx.station.now()),
      r.region,
    );
    await ctx.steps.step(
      'multi-region.region-verified',
      () => s.proveRegion(),
      (p) => p.statements.join(' '),
    );
  }
  await printRegions(s, ctx.steps);
}
