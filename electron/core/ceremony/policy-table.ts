/**
 * THE ceremony policy table: each action, the conditions it needs first, the guard it must confirm, the
 * KMS operation it calls (its intent is recorded before the call) and whether main asks natively first.
 * To add a rule, add a condition (./policy-conditions.ts) or guard (./policy-guards.ts) and name it here.
 */
import type { ConditionId, KmsAction } from './policy-conditions';
import type { GuardId } from './policy-guards';

export interface ActionRow {
  requires: ConditionId[];
  /** What must be confirmed with the request (the renderer asks; main checks the confirmation). */
  guard: GuardId | null;
  /** The KMS operation that changes state; its intent (CeremonyLog.intent) is recorded before the call. */
  kms: KmsAction | null;
  /** Main itself asks the officers natively, naming the key ARN and aliases, before the call. */
  nativeConfirmation: boolean;
}

const ON_CEREMONY_KEY: ConditionId[] = ['ceremony-open', 'key-selected', 'ceremony-key'];

/** The table: each action, what it needs first, what it must confirm, and the KMS operation it calls. */
export const ACTIONS = {
  'key.create': {
    requires: ['ceremony-open'],
    guard: 'create-another-key',
    kms: 'CreateKey',
    nativeConfirmation: false,
  },
  'key.select': { requires: ['key-not-locked'], guard: null, kms: null, nativeConfirmation: false },
  'key.enable': { requires: ON_CEREMONY_KEY, guard: null, kms: 'EnableKey', nativeConfirmation: false },
  'key.disable': { requires: ON_CEREMONY_KEY, guard: null, kms: 'DisableKey', nativeConfirmation: false },
  'parameters.get': {
    requires: ['ceremony-open', 'key-selected'],
    guard: null,
    kms: 'GetParametersForImport',
    nativeConfirmation: false,
  },
  'material.generate': {
    requires: ['ceremony-open', 'key-selected'],
    guard: 'replace-material',
    kms: null,
    nativeConfirmation: false,
  },
  'material.load': {
    requires: ['ceremony-open', 'key-selected'],
    guard: 'replace-material',
    kms: null,
    nativeConfirmation: false,
  },
  wrap: {
    requires: ['ceremony-open', 'key-selected', 'parameters-held', 'fingerprint-confirmed'],
    guard: null,
    kms: null,
    nativeConfirmation: false,
  },
  'import.approve': {
    requires: ['ceremony-open', 'wrapped'],
    guard: null,
    kms: null,
    nativeConfirmation: false,
  },
  // In a multi-Region ceremony this row holds in every Region: the approval names the Region and the
  // regional key ARN, and switching Region clears the parameters, wrap and approvals (multi-region/regions.ts).
  import: {
    requires: ['ceremony-open', 'wrapped', 'import-approved'],
    guard: 'reimport',
    kms: 'ImportKeyMaterial',
    nativeConfirmation: false,
  },
  verify: {
    // SYMMETRIC_DEFAULT: the proof reimports the material it recognises (./symmetric-proof.ts).
    requires: ['ceremony-open', 'key-selected', 'ceremony-key'],
    guard: null,
    kms: 'ImportKeyMaterial',
    nativeConfirmation: false,
  },
  'material.delete': {
    requires: ON_CEREMONY_KEY,
    guard: null,
    kms: 'DeleteImportedKeyMaterial',
    nativeConfirmation: true,
  },
  // Custody (issue 11): components in, M-of-N backup out, material back from shares. No KMS call.
  'material.components': {
    requires: ['ceremony-open', 'key-selected'],
    guard: 'replace-material',
    kms: null,
    nativeConfirmation: false,
  },
  'material.backup': {
    requires: ['ceremony-open', 'key-selected'],
    guard: null,
    kms: null,
    nativeConfirmation: false,
  },
  'material.restore': {
    requires: ['ceremony-open', 'key-selected'],
    guard: 'replace-material',
    kms: null,
    nativeConfirmation: false,
  },
  // Rotation of imported material (issue 13, ./rotation/): the new material comes in through `import`
  // (NEW_KEY_MATERIAL); the witnesses' quorum approves RotateKeyOnDemand itself.
  // A multi-Region key rotates on its primary, once every replica holds the new material (refusal
  // replicas-missing, read fresh from KMS in ./rotation/refusals.ts).
  'rotation.begin': {
    requires: [...ON_CEREMONY_KEY, 'not-in-replica-region'],
    guard: null,
    kms: null,
    nativeConfirmation: false,
  },
  'rotation.approve': {
    requires: ['ceremony-open', 'key-selected', 'not-in-replica-region'],
    guard: null,
    kms: null,
    nativeConfirmation: false,
  },
  // Multi-Region (issue 13, spec §4.4): replicas are made from the primary, after main's native question
  // naming the key and the Regions; each replica Region then runs parameters → import under the rows above.
  'region.replicate': {
    requires: [...ON_CEREMONY_KEY, 'multi-region-key', 'primary-region'],
    guard: null,
    kms: 'ReplicateKey',
    nativeConfirmation: true,
  },
  'region.select': {
    requires: ['ceremony-open', 'key-selected', 'multi-region-key'],
    guard: null,
    kms: null,
    nativeConfirmation: false,
  },
  'rotation.rotate': {
    requires: [...ON_CEREMONY_KEY, 'not-in-replica-region', 'rotation-approved'],
    guard: null,
    kms: 'RotateKeyOnDemand',
    nativeConfirmation: false,
  },
} satisfies Record<string, ActionRow>;

export type ActionId = keyof typeof ACTIONS;
