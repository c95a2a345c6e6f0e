import { KmsError, messages } from './errors';

/**
 * The key-state machine of spec §1.10 as two tables: TRANSITIONS (what each event does to each state) and
 * GUARDS (which states each class of operation accepts, and the exact error otherwise).
 */
export type KeyState =
  | 'Creating'
  | 'Enabled'
  | 'Disabled'
  | 'PendingDeletion'
  | 'PendingImport'
  | 'PendingReplicaDeletion'
  | 'Unavailable'
  | 'Updating';

export type KeyEvent =
  | 'importComplete'
  | 'materialLost'
  | 'enable'
  | 'disable'
  | 'scheduleDeletion'
  | 'scheduleDeletionWithReplicas'
  | 'cancelDeletionWithMaterial'
  | 'cancelDeletionWithoutMaterial'
  | 'replicaReadyExternal'
  | 'replicaReadyWithMaterial';

export const TRANSITIONS: Record<KeyEvent, Partial<Record<KeyState, KeyState>>> = {
  // ImportKeyMaterial once no permanently associated material is missing; a Disabled key becomes Enabled [O-SD].
  importComplete: { PendingImport: 'Enabled', Enabled: 'Enabled', Disabled: 'Enabled' },
  // Deletion or expiry of CURRENT/NON_CURRENT material; PendingDeletion is not changed [M].
  materialLost: {
    Enabled: 'PendingImport',
    Disabled: 'PendingImport',
    PendingImport: 'PendingImport',
    PendingDeletion: 'PendingDeletion',
    PendingReplicaDeletion: 'PendingReplicaDeletion',
  },
  enable: { Enabled: 'Enabled', Disabled: 'Enabled' },
  disable: { Enabled: 'Disabled', Disabled: 'Disabled' },
  scheduleDeletion: {
    PendingImport: 'PendingDeletion',
    Enabled: 'PendingDeletion',
    Disabled: 'PendingDeletion',
  },
  scheduleDeletionWithReplicas: {
    PendingImport: 'PendingReplicaDeletion',
    Enabled: 'PendingReplicaDeletion',
    Disabled: 'PendingReplicaDeletion',
  },
  cancelDeletionWithMaterial: { PendingDeletion: 'Disabled', PendingReplicaDeletion: 'Disabled' },
  // A key without usable material goes back to PendingImport, not Disabled [O-SD].
  cancelDeletionWithoutMaterial: {
    PendingDeletion: 'PendingImport',
    PendingReplicaDeletion: 'PendingImport',
  },
  replicaReadyExternal: { Creating: 'PendingImport' },
  replicaReadyWithMaterial: { Creating: 'Enabled' },
};

export function transition(state: KeyState, event: KeyEvent): KeyState {
  const next = TRANSITIONS[event][state];
  if (!next) throw new Error(`Key state machine: event ${event} is not allowed in state ${state}`);
  return next;
}

type Refusal = (arn: string) => KmsError;
const invalid =
  (message: (arn: string) => string): Refusal =>
  (arn) =>
    new KmsError('KMSInvalidStateException', message(arn));
const pendingImport = invalid(messages.pendingImport);
const pendingDeletion = invalid(messages.pendingDeletion);
const creating = invalid(messages.creating);
const disabled: Refusal = (arn) => new KmsError('DisabledException', messages.disabled(arn));
const notPendingDeletion = invalid(messages.notPendingDeletion);

export type OperationClass =
  | 'import'
  | 'deleteMaterial'
  | 'enableDisable'
  | 'use'
  | 'replicate'
  | 'scheduleDeletion'
  | 'cancelDeletion'
  | 'rotate'
  | 'rotationInfo';

/** States in which each class of operation runs; any other state is refused with the listed error. */
const GUARDS: Record<OperationClass, Partial<Record<KeyState, Refusal | 'ok'>>> = {
  import: { PendingImport: 'ok', Enabled: 'ok', Disabled: 'ok' },
  deleteMaterial: {
    PendingImport: 'ok',
    Enabled: 'ok',
    Disabled: 'ok',
    PendingDeletion: 'ok',
    PendingReplicaDeletion: 'ok',
  },
  enableDisable: { Enabled: 'ok', Disabled: 'ok' },
  use: { Enabled: 'ok', Disabled: disabled },
  replicate: { Enabled: 'ok', Disabled: 'ok' },
  scheduleDeletion: { PendingImport: 'ok', Enabled: 'ok', Disabled: 'ok' },
  cancelDeletion: {
    PendingDeletion: 'ok',
    PendingReplicaDeletion: 'ok',
    Enabled: notPendingDeletion,
    Disabled: notPendingDeletion,
    PendingImport: notPendingDeletion,
  },
  rotate: { Enabled: 'ok', Disabled: disabled },
  rotationInfo: { Enabled: 'ok', Disabled: 'ok', PendingImport: 'ok' },
};

/** The refusal for states no row mentions. */
const DEFAULT_REFUSALS: Partial<Record<KeyState, Refusal>> = {
  PendingImport: pendingImport,
  PendingDeletion: pendingDeletion,
  PendingReplicaDeletion: pendingDeletion,
  Creating: creating,
  Updating: invalid((arn) => `${arn} is updating.`),
  Unavailable: invalid((arn) => `${arn} is unavailable.`),
};

/** Throws the KMS error for running `operation` on a key in `state`. */
export function assertState(operation: OperationClass, state: KeyState, arn: string): void {
  const rule = GUARDS[operation][state] ?? DEFAULT_REFUSALS[state] ?? invalid((a) => `${a} is ${state}.`);
  if (rule !== 'ok') throw rule(arn);
}
