/**
 * The policy's preconditions: each a sentence (`says`, written into the transcript), a test on the
 * ceremony's facts (`holds`) and the refusal when it does not hold. The table in ./policy-table.ts names
 * which action needs which.
 */
import type { Roles } from './roles';

/** What the policy looks at: derived from the ceremony state (see ./policy-facts.ts). */
export interface PolicyFacts {
  roles: Roles | null;
  hasKey: boolean;
  /** The selected key's id and ARN: what a request naming a key must match. */
  selectedKey: { keyId: string; arn: string } | null;
  /** The key a KMS request names (key id or ARN), or null when it acts on the selected key itself. */
  requestedKeyId: string | null;
  hasParameters: boolean;
  keysCreated: number;
  /** Check value of the material held now (or of the offline station's wrapped material), or null. */
  materialCheckValue: string | null;
  wrapped: boolean;
  /** Witnesses who confirmed the fingerprint of the current wrapping public key on this station. */
  fingerprintConfirmedBy: string[];
  /** Approvals bound to what the import would send now (approvals of other values do not count). */
  approvedBy: string[];
  /** Material already imported into the selected key in this ceremony (its check value), or null. */
  importedCheckValue: string | null;
  /** The key this open ceremony has changed in KMS (it may select no other), or null. */
  lockedKey: { keyId: string; arn: string } | null;
  /** Witnesses who approved the rotation request in force for the selected key (./rotation/rotation-approval.ts). */
  rotationApprovedBy: string[];
  /** A multi-Region key is selected: its primary's Region and the Region the steps act in now; else null. */
  multiRegion: { primaryRegion: string; current: string } | null;
}

export type Refusal = { code: string; message: string; hint: string };

/** The KMS operations the ceremony calls; reads are free, the others are rows' `kms` column in ACTIONS. */
export type KmsAction =
  | 'ListKeys'
  | 'ListAliases'
  | 'DescribeKey'
  | 'CreateKey'
  | 'GetParametersForImport'
  | 'ImportKeyMaterial'
  | 'DeleteImportedKeyMaterial'
  | 'EnableKey'
  | 'DisableKey'
  | 'RotateKeyOnDemand'
  | 'ReplicateKey';

/** KMS operations that change no state: allowed without a ceremony (listing and describing keys). */
export const KMS_READS: readonly KmsAction[] = ['ListKeys', 'ListAliases', 'DescribeKey'];

export interface Condition {
  says: string;
  holds: (f: PolicyFacts) => boolean;
  /** `kms`: the KMS operation the refused action would call (named in the refusal), or null. */
  refusal: (f: PolicyFacts, kms: KmsAction | null) => Refusal;
}

const cut = (s: string) => (s.length > 120 ? `${s.slice(0, 120)}…` : s);

export const CONDITIONS = {
  'ceremony-open': {
    says: 'A ceremony is started, with an operator and witnesses.',
    holds: (f) => f.roles !== null,
    refusal: (_, kms) =>
      kms
        ? {
            code: 'NO_CEREMONY',
            message: `${kms} changes KMS state, so it is allowed only inside a ceremony; none is open.`,
            hint: 'Nothing was sent to KMS. Start a ceremony (operator and witnesses) first, so that the step is recorded.',
          }
        : {
            code: 'NO_CEREMONY',
            message: 'No ceremony is started.',
            hint: 'Start a ceremony first (start screen: operator and witnesses).',
          },
  },
  'key-selected': {
    says: 'A key is selected.',
    holds: (f) => f.hasKey,
    refusal: (_, kms) =>
      kms
        ? {
            code: 'NO_KEY',
            message: `${kms} acts only on the ceremony's key, and no key is selected.`,
            hint: 'Nothing was sent to KMS. Pick or create the key in step Key first.',
          }
        : {
            code: 'NO_KEY',
            message: 'No key is selected.',
            hint: 'Pick or create a key first (step Key).',
          },
  },
  'ceremony-key': {
    says: 'The request names the ceremony’s selected key (by key id or ARN), no other.',
    holds: (f) =>
      f.requestedKeyId === null ||
      (f.selectedKey !== null &&
        (f.requestedKeyId === f.selectedKey.keyId || f.requestedKeyId === f.selectedKey.arn)),
    refusal: (f, kms) => ({
      code: 'NOT_CEREMONY_KEY',
      message: `${kms ?? 'This action'} was asked for key ${cut(f.requestedKeyId ?? '')}, but this ceremony's key is ${f.selectedKey?.arn ?? '(none)'}.`,
      hint: 'Nothing was sent to KMS. A ceremony changes only its own key: select that key in step Key first (the choice is recorded).',
    }),
  },
  'key-not-locked': {
    says: 'Once the ceremony has changed its key in KMS, no other key is selected.',
    holds: (f) =>
      f.lockedKey === null ||
      f.requestedKeyId === null ||
      f.requestedKeyId === f.lockedKey.keyId ||
      f.requestedKeyId === f.lockedKey.arn,
    refusal: (f) => ({
      code: 'KEY_LOCKED',
      message: `This ceremony has already changed key ${f.lockedKey?.arn ?? ''} in KMS, so it stays on that key; ${cut(f.requestedKeyId ?? '')} cannot be selected.`,
      hint: 'Finish (or abort) this ceremony on its key, then start a new ceremony for the other key.',
    }),
  },
  'parameters-held': {
    says: 'There are import parameters (a wrapping public key).',
    holds: (f) => f.hasParameters,
    refusal: () => ({
      code: 'NO_PARAMETERS',
      message: 'There are no import parameters yet.',
      hint: 'Get import parameters first (step Parameters).',
    }),
  },
  'fingerprint-confirmed': {
    says: 'A witness has confirmed the wrapping public key fingerprint on this station.',
    holds: (f) => f.fingerprintConfirmedBy.length > 0,
    refusal: () => ({
      code: 'FINGERPRINT_NOT_CONFIRMED',
      message: 'No witness has confirmed the wrapping public key fingerprint on this station.',
      hint: 'A witness confirms the fingerprint in step Parameters (read aloud, or the words typed as heard).',
    }),
  },
  wrapped: {
    says: 'The key material is wrapped.',
    holds: (f) => f.wrapped,
    refusal: () => ({
      code: 'NOT_WRAPPED',
      message: 'The key material is not wrapped yet.',
      hint: 'Wrap it first (step Wrap).',
    }),
  },
  'import-approved': {
    says: 'The quorum of witnesses approved exactly what ImportKeyMaterial will send.',
    holds: (f) => f.roles !== null && f.approvedBy.length >= f.roles.approvals,
    refusal: (f) => ({
      code: 'IMPORT_NOT_APPROVED',
      message: `The import has ${f.approvedBy.length} of the ${f.roles?.approvals ?? 1} witness approvals it needs for exactly these values${f.approvedBy.length ? ` (approved by ${f.approvedBy.join(', ')})` : ''}.`,
      hint: 'Each witness checks the approval request (key, Region, account, wrapping, EncryptedKeyMaterial SHA-256, check value, expiry) and approves it by name; a changed value needs new approvals.',
    }),
  },
  'rotation-approved': {
    says: 'The quorum of witnesses approved exactly what RotateKeyOnDemand will do (key, from and to KeyMaterialId).',
    holds: (f) => f.roles !== null && f.rotationApprovedBy.length >= f.roles.approvals,
    refusal: (f) => ({
      code: 'ROTATION_NOT_APPROVED',
      message: `The rotation has ${f.rotationApprovedBy.length} of the ${f.roles?.approvals ?? 1} witness approvals it needs${f.rotationApprovedBy.length ? ` (approved by ${f.rotationApprovedBy.join(', ')})` : ''}.`,
      hint: 'Nothing was sent to KMS. Ask for the rotation approval; each witness checks the key and the from/to KeyMaterialId and approves it by name.',
    }),
  },
  'multi-region-key': {
    says: 'The ceremony’s key is a multi-Region key (an "mrk-" key ID).',
    holds: (f) => f.multiRegion !== null,
    refusal: (f, kms) => ({
      code: 'NOT_MULTI_REGION',
      message: `${f.selectedKey?.arn ?? 'The selected key'} is not a multi-Region key${kms ? `, so ${kms} cannot be called for it` : ''}.`,
      hint: 'Nothing was sent to KMS. KMS cannot make an existing key multi-Region: create the key with “Multi-Region” on, or pick a multi-Region primary.',
    }),
  },
  'primary-region': {
    says: 'The steps act in the multi-Region primary’s own Region.',
    holds: (f) => f.multiRegion !== null && f.multiRegion.current === f.multiRegion.primaryRegion,
    refusal: (f, kms) => ({
      code: 'NOT_PRIMARY_REGION',
      message: `${kms ?? 'This action'} is called on the primary in ${f.multiRegion?.primaryRegion ?? '(none)'}, but the ceremony is working in ${f.multiRegion?.current ?? '(none)'} now.`,
      hint: 'Nothing was sent to KMS. Switch back to the primary Region in the Regions table first.',
    }),
  },
  'not-in-replica-region': {
    says: 'A multi-Region key is rotated on its primary: the steps do not act in a replica Region (spec §4.4).',
    holds: (f) => f.multiRegion === null || f.multiRegion.current === f.multiRegion.primaryRegion,
    refusal: (f, kms) => ({
      code: 'NOT_PRIMARY_REGION',
      message: `A multi-Region key is rotated on its primary in ${f.multiRegion?.primaryRegion ?? '(none)'}${kms ? ` (${kms})` : ''}, but the ceremony is working in the replica Region ${f.multiRegion?.current ?? '(none)'} now.`,
      hint: 'Nothing was sent to KMS. Return to the primary in the Regions table of step Rotate first.',
    }),
  },
} satisfies Record<string, Condition>;

export type ConditionId = keyof typeof CONDITIONS;
