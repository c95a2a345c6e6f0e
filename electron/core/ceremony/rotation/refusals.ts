/**
 * When a rotation of imported material cannot go ahead, said in words before anything is sent: one table,
 * checked in order, the first match refuses (spec §1.7 errors and observed messages, §1.11, §4.4). The same
 * rows guard the start of a rotation ceremony ('start') and the RotateKeyOnDemand call itself ('rotate').
 */
import { AppError } from '../../errors';
import { isPendingMaterial, type KeyMaterialEntry } from './key-materials';

/** On-demand rotations KMS allows per key (spec §1.7; an older guide said 10). */
export const MAX_ON_DEMAND_ROTATIONS = 25;

export interface RotationFacts {
  keyArn: string;
  keySpec: string;
  keyState: string;
  origin: string;
  /** PRIMARY / REPLICA / null */
  multiRegionType: string | null;
  primaryRegion: string | null;
  materials: KeyMaterialEntry[];
  /** GetKeyRotationStatus.OnDemandRotationStartDate (ISO), while a rotation runs. */
  rotationStartedAt: string | null;
}

interface Row {
  id: string;
  /** Which phases the row guards. */
  when: readonly ('start' | 'rotate')[];
  applies(f: RotationFacts): boolean;
  message(f: RotationFacts): string;
  hint: string;
}

const pending = (f: RotationFacts) => f.materials.find(isPendingMaterial);
const onDemand = (f: RotationFacts) => f.materials.filter((m) => m.rotationType === 'ON_DEMAND').length;

export const ROTATION_REFUSALS: readonly Row[] = [
  {
    id: 'not-external',
    when: ['start', 'rotate'],
    applies: (f) => f.origin !== 'EXTERNAL',
    message: (f) => `${f.keyArn} holds ${f.origin} key material, not imported material.`,
    hint: 'This ceremony rotates imported (Origin EXTERNAL) material. KMS rotates its own material itself.',
  },
  {
    id: 'not-symmetric',
    when: ['start', 'rotate'],
    applies: (f) => f.keySpec !== 'SYMMETRIC_DEFAULT',
    message: (f) =>
      `${f.keyArn} is a ${f.keySpec} key. KMS rotates only symmetric encryption keys: an HMAC or asymmetric key keeps its material for life.`,
    hint: 'To change the material of this key, create a new key with the new material and move the alias and the applications to it.',
  },
  {
    id: 'replica',
    when: ['start', 'rotate'],
    applies: (f) => f.multiRegionType === 'REPLICA',
    message: (f) =>
      `${f.keyArn} is a replica; a multi-Region key is rotated from its primary (${f.primaryRegion ?? 'its primary Region'}).`,
    hint: 'Connect to the primary Region and rotate the primary key; then import the same material into each replica.',
  },
  {
    id: 'disabled',
    when: ['start', 'rotate'],
    applies: (f) => f.keyState === 'Disabled',
    message: (f) => `${f.keyArn} is disabled, and KMS does not rotate a disabled key.`,
    hint: 'Enable the key (step Key) if your procedures allow, then rotate.',
  },
  {
    id: 'material-missing',
    when: ['start', 'rotate'],
    applies: (f) => f.keyState === 'PendingImport',
    message: (f) =>
      `${f.keyArn} is pending import: its current material expired or was deleted, so there is nothing to rotate from.`,
    hint: 'Reimport the key’s own material first (Reimport key material from backup), then rotate.',
  },
  {
    id: 'key-state',
    when: ['start', 'rotate'],
    applies: (f) => f.keyState !== 'Enabled',
    message: (f) => `${f.keyArn} is ${f.keyState}; KMS rotates only an Enabled key.`,
    hint: 'Wait until the key is Enabled, or choose another key.',
  },
  {
    id: 'in-progress',
    when: ['start', 'rotate'],
    applies: (f) => f.rotationStartedAt !== null,
    message: (f) => `A rotation of ${f.keyArn} started at ${f.rotationStartedAt} is still in progress.`,
    hint: 'Wait for it to finish (it usually takes under a minute), then look at the key’s materials again.',
  },
  {
    id: 'limit',
    when: ['start', 'rotate'],
    applies: (f) => onDemand(f) >= MAX_ON_DEMAND_ROTATIONS,
    message: (f) =>
      `${f.keyArn} has been rotated on demand ${onDemand(f)} times, the most KMS allows (${MAX_ON_DEMAND_ROTATIONS}).`,
    hint: 'Create a new key for the new material and move the alias and the applications to it.',
  },
  {
    // An interrupted multi-Region rotation: KMS refuses to rotate until every replica holds the material.
    id: 'replicas-pending',
    when: ['start'],
    applies: (f) => pending(f)?.keyMaterialState === 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION',
    message: (f) =>
      `Material ${pending(f)!.keyMaterialId} was imported into the primary as new material but is not yet in every replica (PENDING_MULTI_REGION_IMPORT_AND_ROTATION); KMS holds one pending material per key.`,
    hint: 'Import that same material (from its backup) into each replica Region, then rotate the primary; or delete it on the primary (KMS deletes it from the replicas too) and start this rotation again.',
  },
  {
    id: 'already-pending',
    when: ['start'],
    applies: (f) => pending(f) !== undefined,
    message: (f) => {
      const p = pending(f)!;
      return `Material ${p.keyMaterialId}${p.description ? ` (“${p.description}”)` : ''} is already waiting to become current (${p.keyMaterialState}); KMS holds one pending material per key.`;
    },
    hint: 'Rotate to the waiting material, or delete it (it is not yet bound to the key) before importing other material.',
  },
  {
    id: 'nothing-pending',
    when: ['rotate'],
    applies: (f) => pending(f) === undefined,
    message: (f) => `No material of ${f.keyArn} is waiting to become current.`,
    hint: 'Import the new material first (as new key material), then rotate.',
  },
  {
    id: 'replicas-missing',
    when: ['rotate'],
    applies: (f) => pending(f)?.keyMaterialState === 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION',
    message: () => 'The new material is not yet imported into every replica of this multi-Region key.',
    hint: 'Import the same material into each replica Region, then rotate the primary.',
  },
];

/** The first refusal that applies in this phase, as an AppError ROTATION_<ID>, or null. */
export function rotationRefusal(f: RotationFacts, phase: 'start' | 'rotate'): AppError | null {
  const row = ROTATION_REFUSALS.find((r) => r.when.includes(phase) && r.applies(f));
  return row
    ? new AppError(`ROTATION_${row.id.toUpperCase().replace(/-/g, '_')}`, row.message(f), row.hint)
    : null;
}
