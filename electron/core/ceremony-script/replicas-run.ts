/**
 * The scripted multi-Region import (`replicas:`, replicas-schema.ts): after the primary's import and proof,
 * ReplicateKey into each Region (one already replicated is left as it is), a wait while they are Creating,
 * then per Region — skipping those where KMS already holds the primary's material, so an interrupted run
 * resumes — its own parameters, the fingerprint confirmation, a wrap of the same material, the witnesses'
 * approval, the import and the proof of the identical KeyMaterialId.
 */
import type { CeremonySession } from '../ceremony/session';
import type { ImportRequest } from '../ceremony/steps/import';
import { formatHash } from '../../shared/display/hash-format';
import type { CeremonyScript } from './schema';
import type { StepPrinter } from './step-printer';

export interface ReplicaRun {
  script: CeremonyScript;
  wrapping: { wrappingAlgorithm: string; wrappingKeySpec: string };
  expiration: () => ImportRequest;
}

export async function importIntoReplicas(
  s: CeremonySession,
  steps: StepPrinter,
  run: ReplicaRun,
): Promise<void> {
  const { regions, waitSeconds } = run.script.replicas!;
  await steps.step(
    'multi-region.replicated',
    () => s.replicateTo(regions),
    (created) =>
      created.length ? `ReplicateKey into ${created.join(', ')}` : 'every Region already holds a replica',
  );
  let printed = -1;
  await steps.step(
    'multi-region.replicas-ready',
    () =>
      s.waitForReplicas(regions, {
        timeoutMs: (waitSeconds ?? 900) * 1000,
        onProgress: (p) => {
          if (p.done || p.elapsedSeconds < printed + 15) return;
          printed = p.elapsedSeconds;
          steps.print(
            `  waiting for replicas… ${p.regions.map((r) => `${r.region} ${r.keyState}`).join(', ')} (${p.elapsedSeconds} s)`,
          );
        },
      }),
    (p) => p.regions.map((r) => `${r.region} ${r.keyState}`).join(', '),
  );
  const done = new Set((await s.multiRegionStatus()).filter((r) => r.done).map((r) => r.region));
  for (const region of regions) {
    if (done.has(region)) {
      steps.line(
        'ok',
        'multi-region.region-done',
        `${region}: already holds the primary's material (resumed)`,
      );
      continue;
    }
    await importIntoRegion(s, steps, run, region);
    await steps.step(
      'multi-region.region-verified',
      () => s.proveRegion(),
      (p) => p.statements.join(' '),
    );
  }
  await printRegions(s, steps);
}

/** One line for the summary: each Region, its role, and whether it holds the primary's current material. */
export async function printRegions(s: CeremonySession, steps: StepPrinter): Promise<void> {
  const status = await s.multiRegionStatus();
  steps.print(
    `Regions: ${status.map((r) => `${r.region} (${r.role.toLowerCase()}) ${r.done ? `done, ${r.keyMaterialId}` : 'NOT DONE'}`).join('; ')}`,
  );
}

/**
 * In `region` (a replica of the selected multi-Region key): its own parameters, the fingerprint
 * confirmation, a wrap of the material held, the witnesses' approval and the import (EXISTING material,
 * spec §4.4 step 4). Used for a replica's first import and for a multi-Region rotation's new material.
 */
export async function importIntoRegion(
  s: CeremonySession,
  steps: StepPrinter,
  run: ReplicaRun,
  region: string,
): Promise<void> {
  await steps.step(
    'multi-region.region-selected',
    async () => {
      await s.checkReplicasCanImport([region]); // in words, e.g. a replica scheduled for deletion
      return s.useRegion(region);
    },
    (k) => `${region} · ${k.arn} · ${k.keyState}`,
  );
  await steps.step(
    'parameters.fetched',
    () => s.getImportParameters(run.wrapping.wrappingAlgorithm, run.wrapping.wrappingKeySpec),
    (p) => `${region} · public key ${formatHash(p.publicKey.sha256)}`,
  );
  const witness = run.script.fingerprint?.witness;
  if (witness) {
    await steps.step(
      'fingerprint.confirmed',
      () => s.confirmFingerprint({ witness, heardWords: null }),
      (r) => r.message,
    );
  }
  await steps.step(
    'material.wrapped',
    () => s.wrap(),
    (w) => `${region} · ${w.size} bytes · ${formatHash(w.sha256)}`,
  );
  await approveAndImportInRegion(s, steps, run.script.approvedBy ?? [], run.expiration(), region);
}

/** In the Region selected: the witnesses' approval of this import, then ImportKeyMaterial. */
export async function approveAndImportInRegion(
  s: CeremonySession,
  steps: StepPrinter,
  approvers: readonly string[],
  expiration: ImportRequest,
  region: string,
): Promise<void> {
  const { digest } = await steps.step(
    'import.approval-requested',
    () => s.requestImportApproval(expiration),
    (a) => `${a.request.keyArn} · ${a.request.region} · approval SHA-256 ${a.digest}`,
  );
  for (const approver of approvers) {
    await steps.step(
      'import.approved',
      () => s.approveImport({ witness: approver, digest }),
      (a) => `${approver} · ${a.approvedBy.length} of ${a.needed}`,
    );
  }
  await steps.step(
    'material.imported',
    () => s.importKeyMaterial(expiration),
    (r) => `${region} · key material id ${r.keyMaterialId ?? 'n/a'}`,
  );
}

/**
 * What to do about the Region that failed before running again: a replica scheduled for deletion must have its
 * deletion cancelled (waiting for it to be deleted would outlast the import parameters and the run); else
 * the Region's own hint.
 */
export function fixFirst(e: { code: string; hint: string }, region: string): string {
  if (e.code === 'REPLICA_PENDING_DELETION')
    return `Cancel the deletion of the replica in ${region} (CancelKeyDeletion there; enable it if it comes back Disabled). `;
  return e.hint ? `${e.hint} ` : '';
}
