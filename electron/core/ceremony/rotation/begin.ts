/**
 * Beginning a rotation ceremony on the selected key (issue 13): the refusals are checked against KMS first
 * (./refusals.ts), then the transcript records that this ceremony rotates the key — from which material —
 * and the wizard's parameters, material and wrap of any earlier import are cleared, so the next material
 * made, wrapped and approved is the NEW material. What the renderer may see of the rotation: describeRotation.
 */
import { AppError } from '../../errors';
import type { RotationStatus } from '../../../shared/ipc-contract';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import { clearMaterial, clearParameters, requireKey, requireLog, type CeremonyState } from '../state';
import { checkReplicasCanImport } from '../multi-region/replica-readiness';
import { rotationRefusal } from './refusals';
import { rotationFacts } from './rotation-facts';

/**
 * Whether the selected key can start a rotation ceremony now (before any material is made or imported).
 * Read-only. @throws the refusal, in words (AppError ROTATION_…): see ./refusals.ts; ROTATION_DONE when
 * this ceremony already rotated the key (one rotation per ceremony and record).
 */
export async function checkRotation(
  s: CeremonyState,
  opts: ContinueOption = {},
): Promise<{
  currentKeyMaterialId: string | null;
  multiRegionType: string | null;
  /** Set when `opts.continueMultiRegion` and an interrupted multi-Region rotation left this material pending. */
  continuesKeyMaterialId?: string;
}> {
  const facts = await rotationFacts(s);
  const refusal = rotationRefusal(facts, 'start');
  const interrupted = facts.materials.find(
    (m) => m.keyMaterialState === 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION',
  );
  const continuing = opts.continueMultiRegion === true && refusal?.code === 'ROTATION_REPLICAS_PENDING';
  if (refusal && !continuing) throw refusal;
  if (s.rotation?.keyArn === facts.keyArn && s.rotation.started) {
    throw new AppError(
      'ROTATION_DONE',
      `This ceremony already rotated ${facts.keyArn} (at ${s.rotation.started.at}).`,
      'Finish this ceremony; rotate again in a new ceremony, with its own record.',
    );
  }
  if (!facts.currentKeyMaterialId) {
    throw new AppError(
      'ROTATION_NO_MATERIAL',
      `${facts.keyArn} has no current material.`,
      'Import its material first.',
    );
  }
  return {
    currentKeyMaterialId: facts.currentKeyMaterialId,
    multiRegionType: facts.multiRegionType,
    ...(continuing && interrupted ? { continuesKeyMaterialId: interrupted.keyMaterialId } : {}),
  };
}

/**
 * `continueMultiRegion`: an interrupted multi-Region rotation (material staged on the primary, not yet in
 * every replica: PENDING_MULTI_REGION_IMPORT_AND_ROTATION) is continued instead of refused — the officers
 * load that same material (its file or backup) in each remaining replica Region, then rotate the primary.
 */
export interface ContinueOption {
  continueMultiRegion?: boolean;
}

/**
 * @throws the policy's refusal (row rotation.begin) or checkRotation's; for a multi-Region primary,
 *   checkReplicasCanImport's (REPLICA_PENDING_DELETION, REPLICA_CREATING, …). Begun twice on one key: no change.
 */
export async function beginRotation(s: CeremonyState, opts: ContinueOption = {}): Promise<RotationStatus> {
  enforce(policyFacts(s), 'rotation.begin');
  const key = requireKey(s);
  const { currentKeyMaterialId, continuesKeyMaterialId, multiRegionType } = await checkRotation(s, opts);
  if (s.rotation?.keyArn === key.arn && s.rotation.begun?.fromKeyMaterialId === currentKeyMaterialId)
    return describeRotation(s)!;
  // A multi-Region primary rotates only once every replica holds the new material (spec §4.4 step 6): a
  // replica that cannot take it (scheduled for deletion, Creating…) is refused now, before any is staged.
  if (multiRegionType === 'PRIMARY') await checkReplicasCanImport(s);
  const cleared = [
    s.params && 'import parameters',
    s.material && `key material ${s.material.info.checkValue.value}`,
    s.wrapped && 'the wrapped material',
  ].filter((x): x is string => typeof x === 'string');
  const at = new Date().toISOString();
  await requireLog(s).record({
    action: 'rotation.begun',
    result: 'info',
    keyArn: key.arn,
    details: {
      operation: continuesKeyMaterialId
        ? 'continuation of an interrupted multi-Region rotation: the staged material into the remaining replicas, then RotateKeyOnDemand'
        : 'rotation of imported key material (ImportType NEW_KEY_MATERIAL, then RotateKeyOnDemand)',
      fromKeyMaterialId: currentKeyMaterialId,
      ...(continuesKeyMaterialId ? { continuesKeyMaterialId } : {}),
      cleared: cleared.length ? cleared.join(', ') : 'nothing',
    },
  });
  clearParameters(s);
  clearMaterial(s);
  s.approval = null;
  s.rotation = {
    keyArn: key.arn,
    begun: { at, fromKeyMaterialId: currentKeyMaterialId! },
    // Continued: the material is staged already; its check value is known once it is loaded again.
    staged: continuesKeyMaterialId ? { keyMaterialId: continuesKeyMaterialId, checkValue: null, at } : null,
    approval: null,
    started: null,
    completedAt: null,
    provenStatements: null,
  };
  return describeRotation(s)!;
}

/**
 * Whether the ceremony's rotation is of the selected key, or of the multi-Region key whose replica Region
 * the steps act in now (the rotation's new material goes into every replica before the primary rotates).
 */
export function rotationInScope(s: CeremonyState): boolean {
  const r = s.rotation;
  if (!r || !s.key) return false;
  if (r.keyArn === s.key.arn) return true;
  const mr = s.multiRegion;
  return mr !== null && mr.keyId === s.key.keyId && r.keyArn.endsWith(`:key/${mr.keyId}`);
}

/** The rotation of the selected key (or its primary's) as the renderer may see it (never the probe), or null. */
export function describeRotation(s: CeremonyState): RotationStatus | null {
  const r = s.rotation;
  if (!r || !rotationInScope(s)) return null;
  const approval = r.approval;
  return {
    keyArn: r.keyArn,
    begunAt: r.begun?.at ?? null,
    fromKeyMaterialId: r.begun?.fromKeyMaterialId ?? approval?.request.fromKeyMaterialId ?? null,
    stagedKeyMaterialId: r.staged?.keyMaterialId ?? null,
    approval: approval
      ? {
          request: { ...approval.request, aliases: [...approval.request.aliases] },
          digest: approval.digest,
          approvedBy: [...approval.approvedBy],
          needed: s.roles?.approvals ?? 1,
        }
      : null,
    started: r.started
      ? {
          at: r.started.at,
          fromKeyMaterialId: r.started.fromKeyMaterialId,
          toKeyMaterialId: r.started.toKeyMaterialId,
        }
      : null,
    completedAt: r.completedAt,
    provenStatements: r.provenStatements ? [...r.provenStatements] : null,
  };
}
