/**
 * The scripted rotation (`rotation:` in a ceremony script, rotation-schema.ts): after the key is selected
 * and checked, the usual steps make the material; it is imported as NEW_KEY_MATERIAL, then the named
 * witnesses approve RotateKeyOnDemand, the run waits (printing progress) and proves the rotation through
 * the same session functions as the app (core/ceremony/rotation/).
 */
import { AppError, toErrorShape } from '../errors';
import type { CeremonySession } from '../ceremony/session';
import type { ImportRequest } from '../ceremony/steps/import';
import { fixFirst, importIntoRegion, printRegions, type ReplicaRun } from './replicas-run';
import type { CeremonyScript } from './schema';
import type { StepPrinter } from './step-printer';

type Rotation = NonNullable<CeremonyScript['rotation']>;

/** `rotation:` runs in one go on the online station (not across the air gap yet): other modes are refused. */
export function rotationModeError(mode: string): AppError {
  return new AppError(
    'USAGE',
    `This script declares rotation:, which runs in one go, not as ${mode}.`,
    'Run it without --until or --from (the rotation across the air gap is not supported yet).',
  );
}

/** What the run learned before making material: the key's current material, its type, and a rotation to resume. */
export interface RotationCheck {
  currentKeyMaterialId: string | null;
  multiRegionType: string | null;
  /** New material already in the primary, waiting for replicas (an interrupted run): imported into the rest. */
  resumeKeyMaterialId: string | null;
}

/**
 * Refuses, in words, a key that cannot be rotated, before any material is made; for a multi-Region primary
 * also a replica that could not take the new material (e.g. scheduled for deletion), before the primary
 * holds any: KMS rotates only once every replica has it. A rotation interrupted after the primary took its
 * material (PENDING_MULTI_REGION_IMPORT_AND_ROTATION) is resumed when the script's material can be the same
 * (a file, components or backup shares; KMS refuses any other in the replicas), not when it generates new.
 */
export async function checkRotation(
  s: CeremonySession,
  steps: StepPrinter,
  script: CeremonyScript,
): Promise<RotationCheck> {
  let checked: RotationCheck;
  try {
    const r = await s.checkRotation();
    checked = { ...r, resumeKeyMaterialId: null };
    steps.line(
      'ok',
      'rotation.checked',
      `the key can rotate · current material ${r.currentKeyMaterialId}${r.multiRegionType === 'PRIMARY' ? ' · multi-Region primary: the new material goes into every replica before the rotation' : ''}`,
    );
  } catch (error) {
    const resumable =
      error instanceof AppError && error.code === 'ROTATION_REPLICAS_PENDING' && !script.material?.generate;
    const waiting = resumable
      ? (await s.keyMaterials()).find(
          (m) => m.keyMaterialState === 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION',
        )
      : undefined;
    if (!waiting) {
      steps.line('FAIL', 'rotation.checked', toErrorShape(error).message);
      throw error;
    }
    const current = (await s.keyMaterials()).find((m) => m.keyMaterialState === 'CURRENT');
    checked = {
      currentKeyMaterialId: current?.keyMaterialId ?? null,
      multiRegionType: 'PRIMARY',
      resumeKeyMaterialId: waiting.keyMaterialId,
    };
    steps.line(
      'ok',
      'rotation.resumed',
      `new material ${waiting.keyMaterialId} is in the primary, waiting for its replicas: the script's material goes into each replica that lacks it (KMS refuses any other), then the rotation`,
    );
  }
  if (checked.multiRegionType === 'PRIMARY') {
    await steps.step(
      'rotation.replicas-checked',
      () =>
        s.checkReplicasCanImport().catch((error: unknown) => {
          const e = toErrorShape(error);
          throw new AppError(
            e.code,
            e.message,
            `The rotation has not started: no material was made or imported. ${e.hint}`,
          );
        }),
      (list) =>
        list.length
          ? `every replica can take the new material: ${list.map((r) => `${r.region} ${r.keyState}`).join(', ')}`
          : 'no replica',
    );
  }
  return checked;
}

/** In `region` (selected for it): whether the replica already holds material `keyMaterialId`. */
async function holdsMaterial(s: CeremonySession, region: string, keyMaterialId: string) {
  await s.useRegion(region);
  return (await s.keyMaterials()).some(
    (m) => m.keyMaterialId === keyMaterialId && m.importState === 'IMPORTED',
  );
}

/**
 * A replica failed after the primary took the new material: which Regions hold it, which do not, and how to
 * go on (KMS keeps it pending, PENDING_MULTI_REGION_IMPORT_AND_ROTATION, until every replica has it).
 */
function rotationInterrupted(
  error: unknown,
  primary: string,
  done: string[],
  failed: string,
  notTried: string[],
): AppError {
  const e = toErrorShape(error);
  const holding = [`${primary} (primary)`, ...done].join(', ');
  const missing = [failed, ...notTried].join(', ');
  return new AppError(
    'ROTATION_REPLICAS_INCOMPLETE',
    `${failed} failed: ${e.message.replace(/\.$/, '')} (${e.code}). The new material is in ${holding} but not yet in ${missing}, so the key is not rotated.`,
    `KMS keeps the new material pending until every replica holds it. ${fixFirst(e, failed)}Running this script again with the same material (its file or backup) imports it into the replicas that lack it and rotates; or delete the pending material on the primary (KMS deletes it from the replicas too) and start over.`,
  );
}

/**
 * Imports the wrapped material as NEW_KEY_MATERIAL (unless `resumeKeyMaterialId`: the primary has it); for a
 * multi-Region primary, the same material into every replica that lacks it (each with its own parameters,
 * fingerprint, approval; spec §4.4 step 6) and back to the primary's Region; then approval,
 * RotateKeyOnDemand, wait and proof. @throws AppError ROTATION_REPLICAS_INCOMPLETE when a replica fails.
 */
export async function importAndRotate(
  s: CeremonySession,
  steps: StepPrinter,
  rotation: Rotation,
  run: ReplicaRun & { multiRegionPrimary: boolean; resumeKeyMaterialId: string | null },
): Promise<void> {
  if (!run.resumeKeyMaterialId) await importNewMaterial(s, steps, rotation, run);
  if (run.multiRegionPrimary) {
    const status = await s.multiRegionStatus();
    const replicas = status.filter((r) => r.role === 'REPLICA').map((r) => r.region);
    for (const [i, region] of replicas.entries()) {
      const resumed = run.resumeKeyMaterialId;
      if (resumed && (await holdsMaterial(s, region, resumed))) {
        steps.line('ok', 'multi-region.region-done', `${region}: already holds ${resumed} (resumed)`);
        continue;
      }
      await importIntoRegion(s, steps, run, region).catch((error: unknown) => {
        throw rotationInterrupted(
          error,
          status[0]!.region,
          replicas.slice(0, i),
          region,
          replicas.slice(i + 1),
        );
      });
    }
    await steps.step(
      'multi-region.region-selected',
      () => s.useRegion(status[0]!.region),
      (k) => `${status[0]!.region} (primary) · ${k.arn}`,
    );
  }
  await rotateAndProve(s, steps, rotation);
  if (run.multiRegionPrimary) await printRegions(s, steps);
}

/** The new material into the selected key as NEW_KEY_MATERIAL, after the `approvedBy` witnesses approve it. */
async function importNewMaterial(
  s: CeremonySession,
  steps: StepPrinter,
  rotation: Rotation,
  run: ReplicaRun,
) {
  const expiration = run.expiration();
  const importApprovers = run.script.approvedBy ?? [];
  const req: ImportRequest = { ...expiration, newKeyMaterial: { description: rotation.description ?? null } };
  const { digest } = await steps.step(
    'import.approval-requested',
    () => s.requestImportApproval(req),
    (a) =>
      `${a.request.keyArn} · NEW_KEY_MATERIAL${a.request.keyMaterialDescription ? ` “${a.request.keyMaterialDescription}”` : ''} · ${a.request.checkValue.kind} ${a.request.checkValue.value} · approval SHA-256 ${a.digest}`,
  );
  for (const witness of importApprovers) {
    await steps.step(
      'import.approved',
      () => s.approveImport({ witness, digest }),
      (a) => `${witness} · ${a.approvedBy.length} of ${a.needed}`,
    );
  }
  await steps.step(
    'material.imported',
    () => s.importKeyMaterial(req),
    (r) => `staged as new key material ${r.keyMaterialId ?? 'n/a'}${r.validTo ? ` until ${r.validTo}` : ''}`,
  );
}

/** The material waiting, the witnesses' approval of RotateKeyOnDemand, the wait and the proof. */
async function rotateAndProve(s: CeremonySession, steps: StepPrinter, rotation: Rotation) {
  const pending = (await s.keyMaterials()).find((m) => m.keyMaterialState?.startsWith('PENDING_'));
  steps.line(
    'ok',
    'rotation.pending',
    `${pending?.keyMaterialId ?? '?'} · ${pending?.keyMaterialState ?? '?'}`,
  );
  const approval = await steps.step(
    'rotation.approval-requested',
    () => s.requestRotationApproval(),
    (a) =>
      `${a.request.keyArn} · from ${a.request.fromKeyMaterialId} to ${a.request.toKeyMaterialId} · approval SHA-256 ${a.digest}`,
  );
  for (const witness of rotation.approvedBy) {
    await steps.step(
      'rotation.approved',
      () => s.approveRotation({ witness, digest: approval.digest }),
      (a) => `${witness} · ${a.approvedBy.length} of ${a.needed}`,
    );
  }
  await steps.step(
    'rotation.started',
    () => s.rotateKeyOnDemand(),
    (r) => `RotateKeyOnDemand accepted at ${r.startedAt}`,
  );
  let lastPrinted = -1;
  await steps.step(
    'rotation.completed',
    () =>
      s.waitForRotation({
        timeoutMs: (rotation.waitSeconds ?? 600) * 1000,
        onProgress: (p) => {
          if (p.done || p.elapsedSeconds < lastPrinted + 10) return;
          lastPrinted = p.elapsedSeconds;
          steps.print(`  rotating… ${p.elapsedSeconds} s (KMS usually takes under a minute)`);
        },
      }),
    (p) => `current material ${p.currentKeyMaterialId} after ${p.elapsedSeconds} s`,
  );
  const proof = await steps.step(
    'rotation.verified',
    () => s.proveRotation(),
    (p) => p.statements.join(' '),
  );
  if (proof.statements.length === 0)
    throw new AppError('ROTATION_PROOF_FAILED', 'No proof was made.', 'Report this.');
}
