/**
 * A multi-Region key across the air gap from scripts (issue 13; session side in
 * core/ceremony/multi-region/air-gap-regions.ts): `replicas: { regions }` with `--until parameters` fetches
 * each replica Region's own parameters into the same bundle; the offline run confirms every Region's
 * fingerprint (its `fingerprint.witness`) and wraps for each; `--from wrapped-bundle` imports the first
 * Region as usual, then each other Region with its approval and the proof of the same KeyMaterialId.
 */
import type { CeremonySession } from '../ceremony/session';
import { AppError, toErrorShape } from '../errors';
import { formatHash } from '../../shared/display/hash-format';
import { resolveExpiration } from './plan';
import { approveAndImportInRegion, fixFirst, printRegions } from './replicas-run';
import { importAndVerify, type RunContext } from './run-steps';
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

/**
 * Online, `--from wrapped-bundle` with other Regions: the first Region's import and verification, then each
 * other Region's approval, import and proof — resumable. Regions this ceremony already proved (its own
 * signed transcript says so) are skipped; when a Region fails, the ceremony stays open, this station keeps
 * every Region's saved parameters (until they expire), and the error names the Regions done and not done,
 * so running the same command again continues with the rest.
 * @throws AppError MULTI_REGION_INTERRUPTED (the Region's own error in its message and hint).
 */
export async function importEveryRegion(ctx: RunContext, ceremonyId: string): Promise<void> {
  const s = ctx.station.session;
  const first = s.state().connection!.region;
  const others = s.airGapRegions().map((r) => r.region);
  const done = regionsDone(await s.transcriptText(), first);
  let trying = first;
  const skip = (region: string) =>
    ctx.steps.line(
      'ok',
      'multi-region.region-done',
      `${region}: imported and proven earlier in this ceremony (resumed)`,
    );
  try {
    if (done.has(first)) skip(first);
    else {
      await importAndVerify(ctx);
      done.add(first);
    }
    for (const region of others) {
      if (done.has(region)) {
        skip(region);
        continue;
      }
      trying = region;
      await ctx.steps.step(
        'multi-region.region-selected',
        async () => {
          await s.checkReplicasCanImport([region]); // in words, e.g. a replica scheduled for deletion
          return s.useAirGapRegion(region);
        },
        (k) => `${region} · ${k.arn} · ${k.keyState}`,
      );
      await approveAndImportInRegion(
        s,
        ctx.steps,
        ctx.script.approvedBy ?? [],
        resolveExpiration(ctx.script.expiration!, ctx.station.now()),
        region,
      );
      await ctx.steps.step(
        'multi-region.region-verified',
        () => s.proveRegion(),
        (p) => p.statements.join(' '),
      );
      done.add(region);
    }
  } catch (error) {
    const e = toErrorShape(error);
    const all = [first, ...others];
    const left = all.filter((r) => !done.has(r));
    const until = s
      .airGapRegions()
      .map((r) => r.parametersValidTo)
      .concat(s.state().parameters?.parametersValidTo ?? [])
      .sort()[0];
    ctx.steps.print(
      `ceremony ${ceremonyId} left open: done in ${[...done].join(', ') || 'no Region yet'}; not done in ${left.join(', ')}. The saved parameters stay on this station.`,
    );
    throw new AppError(
      'MULTI_REGION_INTERRUPTED',
      `${trying} failed: ${e.message.replace(/\.$/, '')} (${e.code}). Done in this ceremony: ${[...done].join(', ') || 'no Region yet'}; not done: ${left.join(', ')}.`,
      `${fixFirst(e, trying)}Then run the same command again (--from wrapped-bundle, same --data-dir)${until ? ` before ${until}, when the import parameters expire` : ''}: the Regions done are skipped. The ceremony stays open until every Region is done (or abort it in the app, and bring the Regions not done in a new ceremony).`,
    );
  }
  await printRegions(s, ctx.steps);
}

/**
 * The Regions this ceremony has already finished, read from its own transcript: the first Region once its
 * import is verified (`import.verified`), another once proven (`multi-region.region-verified`).
 */
export function regionsDone(transcript: string, firstRegion: string): Set<string> {
  const done = new Set<string>();
  for (const line of transcript.split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as {
      action: string;
      result: string;
      keyArn: string | null;
      details: Record<string, unknown>;
    };
    if (e.result !== 'ok') continue;
    if (e.action === 'import.verified' && e.keyArn?.split(':')[3] === firstRegion) done.add(firstRegion);
    if (e.action === 'multi-region.region-verified' && typeof e.details.region === 'string')
      done.add(e.details.region);
  }
  return done;
}
