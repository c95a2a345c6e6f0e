/**
 * The four ways `kms-ceremony run` runs (see ./plan.ts MODES): the whole ceremony in one go, the online
 * half up to the parameters bundle, the offline wrap, and the online half from the wrapped bundle — each
 * the steps of ./run-steps.ts in order. A failed step aborts the ceremony in its transcript — except
 * before the import when resuming from a wrapped bundle, where nothing changed in KMS and the officers
 * may fix the bundle path and run again.
 */
import path from 'node:path';
import type { CeremonyInfo } from '../ceremony/ceremony-log';
import { formatCheckValue, formatHash } from '../../shared/display/hash-format';
import { formatInstant } from '../../shared/display/time-format';
import { assertSameTarget, loadPending, removePending, savePending } from './pending';
import { checkWrappingMatches, resolveExpiration, resolveWrapping, type RunMode } from './plan';
import { importIntoReplicas } from './replicas-run';
import { checkRotation, importAndRotate } from './rotation-run';
import {
  abortOnError,
  confirmFingerprint,
  connect,
  fetchParameters,
  finish,
  importAndVerify,
  selectKey,
  start,
  takeMaterial,
  backUpIfAsked,
  wrap,
  type RunContext,
  type RunOutcome,
} from './run-steps';
import { describeTarget } from './station';
import { readWrappedManifest } from './wrapped-manifest';
import { fetchReplicaParameters, importEveryRegion, wrapForOtherRegions } from './air-gap-regions-run';

type ModeRun = (ctx: RunContext) => Promise<{ outcome: RunOutcome; info: CeremonyInfo }>;

export const RUNS: Record<RunMode, ModeRun> = {
  'one-go': (ctx) =>
    abortOnError(ctx, async () => {
      await start(ctx, 'online', null);
      await connect(ctx);
      const keySpec = await selectKey(ctx);
      const { rotation, replicas } = ctx.script;
      const rotationCheck = rotation ? await checkRotation(ctx.station.session, ctx.steps, ctx.script) : null;
      await fetchParameters(ctx, keySpec);
      await confirmFingerprint(ctx);
      await takeMaterial(ctx);
      await backUpIfAsked(ctx);
      await wrap(ctx);
      if (rotation) {
        await importAndRotate(ctx.station.session, ctx.steps, rotation, {
          script: ctx.script,
          wrapping: resolveWrapping(keySpec, ctx.script.wrapping),
          expiration: () => resolveExpiration(ctx.script.expiration!, ctx.station.now()),
          multiRegionPrimary: rotationCheck?.multiRegionType === 'PRIMARY',
          resumeKeyMaterialId: rotationCheck?.resumeKeyMaterialId ?? null,
        });
        return finish(ctx, 'rotated to new key material and proven (scripted ceremony)');
      }
      await importAndVerify(ctx);
      if (replicas) {
        await importIntoReplicas(ctx.station.session, ctx.steps, {
          script: ctx.script,
          wrapping: resolveWrapping(keySpec, ctx.script.wrapping),
          expiration: () => resolveExpiration(ctx.script.expiration!, ctx.station.now()),
        });
        return finish(ctx, 'imported and verified in every Region (scripted multi-Region ceremony)');
      }
      return finish(ctx, 'imported and verified (scripted ceremony)');
    }),

  'until-parameters': (ctx) =>
    abortOnError(ctx, async () => {
      const s = ctx.station.session;
      const started = await start(ctx, 'online', null);
      await connect(ctx);
      const keySpec = await selectKey(ctx);
      const params = await fetchParameters(ctx, keySpec);
      if (ctx.script.replicas) await fetchReplicaParameters(s, ctx.steps, ctx.script.replicas.regions);
      const saved = s.savedParameters()!;
      const pending = await ctx.steps.step(
        'parameters.saved',
        () =>
          savePending(ctx.station.dataDir, {
            ceremonyId: started.ceremonyId,
            savedAt: new Date().toISOString(),
            target: describeTarget(ctx.script.target),
            keyId: saved.keyId,
            keyArn: s.state().key!.arn,
            wrappingAlgorithm: saved.wrappingAlgorithm,
            wrappingKeySpec: saved.wrappingKeySpec,
            publicKey: saved.publicKey.toString('base64'),
            importToken: saved.importToken.toString('base64'),
            publicKeySha256: params.publicKey.sha256,
            parametersValidTo: saved.parametersValidTo,
            ...(ctx.script.replicas ? { otherRegions: s.savedOtherRegions() } : {}),
          }),
        (file) => `import token kept on this station: ${file} (0600)`,
      );
      ctx.files.push(pending);
      try {
        const bundle = await ctx.steps.step(
          'bundle.written',
          () => s.exportParametersBundle(ctx.script.output),
          (b) => `parameters bundle ${b.path} (no import token inside)`,
        );
        ctx.files.push(bundle.path);
        ctx.steps.print(
          `fingerprint to read aloud on the offline station: ${params.publicKey.words.join(' ')}`,
        );
        ctx.steps.print(
          `next: carry ${bundle.path} to the offline station and run its script there; then, before ${params.parametersValidTo}, run this script again with --from wrapped-bundle <the …-wrapped folder> on this station (same --data-dir).`,
        );
      } catch (error) {
        await removePending(ctx.station.dataDir, started.ceremonyId);
        throw error;
      }
      const info = s.ceremony()!;
      return { outcome: 'stopped-at-air-gap' as const, info };
    }),

  'offline-wrap': (ctx) =>
    abortOnError(ctx, async () => {
      const s = ctx.station.session;
      await start(ctx, 'offline', null);
      const params = s.state().parameters!;
      ctx.steps.line(
        'ok',
        'bundle.read',
        `${s.state().key!.keySpec} · ${params.wrappingAlgorithm}/${params.wrappingKeySpec} · public key ${formatHash(params.publicKey.sha256)} · valid to ${formatInstant(params.parametersValidTo)}`,
      );
      checkWrappingMatches(ctx.script.wrapping, params.wrappingAlgorithm, params.wrappingKeySpec);
      await confirmFingerprint(ctx);
      await takeMaterial(ctx);
      await backUpIfAsked(ctx);
      await wrap(ctx);
      await wrapForOtherRegions(s, ctx.steps, ctx.script.fingerprint?.witness ?? null);
      const bundle = await ctx.steps.step(
        'bundle.written',
        () => s.exportWrappedBundle(ctx.script.output),
        (b) => `wrapped bundle ${b.path} (wrapped material, check value, this transcript)`,
      );
      ctx.files.push(bundle.path);
      ctx.steps.print(
        `next: carry ${bundle.path} to the online station and run --from wrapped-bundle there.`,
      );
      const info = await finish(ctx, 'wrapped bundle written for the online station');
      return { ...info, outcome: 'wrapped' as const };
    }),

  'from-wrapped-bundle': async (ctx) => {
    const s = ctx.station.session;
    const dir = path.resolve(ctx.fromWrappedBundle!);
    const manifest = await readWrappedManifest(dir);
    const pending = await loadPending(ctx.station.dataDir, manifest.ceremonyId);
    assertSameTarget(pending, describeTarget(ctx.script.target));
    await start(ctx, 'online', manifest.ceremonyId);
    try {
      await connect(ctx);
      await ctx.steps.step(
        'parameters.restored',
        () =>
          s.restoreParameters({
            keyId: pending.keyId,
            wrappingAlgorithm: pending.wrappingAlgorithm,
            wrappingKeySpec: pending.wrappingKeySpec,
            publicKey: Buffer.from(pending.publicKey, 'base64'),
            importToken: Buffer.from(pending.importToken, 'base64'),
            parametersValidTo: pending.parametersValidTo,
          }),
        (p) =>
          `${p.keyId} · ${p.wrappingAlgorithm}/${p.wrappingKeySpec} · valid to ${formatInstant(p.parametersValidTo)}`,
      );
      if (pending.otherRegions)
        await ctx.steps.step(
          'parameters.restored',
          () => s.restoreOtherRegions(pending.otherRegions!),
          (regions) => `also ${regions.map((r) => r.region).join(', ')} (multi-Region key)`,
        );
      await ctx.steps.step(
        'bundle.read',
        () => s.loadWrappedBundle(dir),
        (w) =>
          `${w.size} bytes, ${formatHash(w.sha256)} · offline check value ${formatCheckValue(w.checkValue)} · ${w.offlineEvents} offline events merged`,
      );
    } catch (error) {
      // Nothing reached KMS: leave the ceremony open so the officers can fix the cause and resume again.
      const info = s.ceremony();
      ctx.steps.print(
        `ceremony ${info?.ceremonyId ?? manifest.ceremonyId} left open (nothing imported); fix the problem and run --from wrapped-bundle again, or abort it in the app.`,
      );
      throw error;
    }
    if (pending.otherRegions?.length) {
      // Resumable: a Region's failure leaves the ceremony open and the saved parameters kept.
      await importEveryRegion(ctx, manifest.ceremonyId);
      const done = await finish(
        ctx,
        'imported and verified in every Region (scripted multi-Region ceremony)',
      );
      await removePending(ctx.station.dataDir, manifest.ceremonyId);
      return done;
    }
    return abortOnError(ctx, async () => {
      await importAndVerify(ctx);
      const done = await finish(
        ctx,
        'imported and verified against the offline check value (scripted ceremony)',
      );
      await removePending(ctx.station.dataDir, manifest.ceremonyId);
      return done;
    }).catch(async (error: unknown) => {
      await removePending(ctx.station.dataDir, manifest.ceremonyId); // the ceremony is closed: the token is spent
      throw error;
    });
  },
};
