/**
 * The scripted rotation (`rotation:` in a ceremony script, rotation-schema.ts): after the key is selected
 * and checked, the usual steps make the material; it is imported as NEW_KEY_MATERIAL, then the named
 * witnesses approve RotateKeyOnDemand, the run waits (printing progress) and proves the rotation through
 * the same session functions as the app (core/ceremony/rotation/).
 */
import { AppError } from '../errors';
import type { CeremonySession } from '../ceremony/session';
import type { ImportRequest } from '../ceremony/steps/import';
import type { CeremonyScript } from './schema';
import type { StepPrinter } from './step-printer';

type Rotation = NonNullable<CeremonyScript['rotation']>;

/** `rotation:` and `replicas:` run in one go on the online station (no air gap yet): other modes are refused. */
export function rotationModeError(mode: string): AppError {
  return new AppError(
    'USAGE',
    `This script declares rotation: or replicas:, which run in one go, not as ${mode}.`,
    'Run it without --until or --from (the rotation across the air gap is not supported yet).',
  );
}

/** Refuses, in words, a key that cannot be rotated, before any material is made. */
export function checkRotation(s: CeremonySession, steps: StepPrinter) {
  return steps.step(
    'rotation.checked',
    async () => {
      const r = await s.checkRotation();
      if (r.multiRegionType === 'PRIMARY') {
        // Refused before any material is imported: its replicas need the new material before the primary
        // can rotate, which a script does not do yet (the session does: core/ceremony/multi-region/).
        throw new AppError(
          'ROTATION_MULTI_REGION_UNSCRIPTED',
          'This key is a multi-Region primary: its new material must be imported into every replica before it can rotate, and scripts do not do that yet. Nothing was imported.',
          'Scripts rotate single-Region keys only; multi-Region rotation is not in scripts or app screens yet.',
        );
      }
      return r;
    },
    (r) => `the key can rotate · current material ${r.currentKeyMaterialId}`,
  );
}

/** Imports the wrapped material as NEW_KEY_MATERIAL, then approval, RotateKeyOnDemand, wait and proof. */
export async function importAndRotate(
  s: CeremonySession,
  steps: StepPrinter,
  rotation: Rotation,
  expiration: ImportRequest,
  importApprovers: readonly string[],
): Promise<void> {
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
