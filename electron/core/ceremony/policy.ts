/**
 * The ceremony policy: ONE declarative table saying who takes part (roles), what each step needs first
 * (preconditions), what must be confirmed explicitly (guards) and how many witnesses approve the import
 * (quorum). `evaluatePolicy` reads it against the ceremony's facts and says, per action, allowed or why
 * not — the renderer shows that reason from the same table; `enforce` refuses in main with a typed
 * `{code, message, hint}` before anything changes. The table is written into the transcript at start.
 *
 * The same table says which KMS operation each action calls (column `kms`): every action that changes KMS
 * state runs only inside an open ceremony and — except CreateKey, which makes the ceremony's key — only
 * on the key that ceremony has selected (its choice is itself in the transcript); the intent is written
 * to the transcript before the call and the outcome after, so a crash between the two stays visible.
 * KMS reads (KMS_READS) are free. To add a rule, add a condition or guard, or a column to ACTIONS.
 */
import { AppError } from '../errors';
import type { Details } from './transcript-details';

// ── roles ────────────────────────────────────────────────────────────────────────────────────────

/**
 * The identity a name stands for: Unicode NFC, trimmed, inner white space collapsed, case-folded
 * (upper then lower case, so "ß" and "SS" fold alike). "Sam Solo" and " sam  solo" are one person.
 */
export function personKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ').toUpperCase().toLowerCase().normalize('NFC');
}

/** How a name is shown and recorded: NFC, trimmed, inner white space collapsed (case kept). */
export function displayName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

export interface Roles {
  operator: string;
  witnesses: string[];
  /** Witness approvals the import needs (default: every witness; a ceremony script may set `approvals: M`). */
  approvals: number;
}

interface RoleRule {
  rule: string;
  /** The refusal when the rule is broken, or null. */
  broken: (r: Roles) => { message: string; hint: string } | null;
}

export const ROLE_RULES: Record<string, RoleRule> = {
  'operator-named': {
    rule: 'The operator is named.',
    broken: (r) =>
      r.operator ? null : { message: 'No operator is named.', hint: 'Type the operator’s full name.' },
  },
  'witness-present': {
    rule: 'At least one witness is named.',
    broken: (r) =>
      r.witnesses.length > 0 && r.witnesses.every(Boolean)
        ? null
        : {
            message: 'A ceremony needs at least one witness, and every witness line needs a name.',
            hint: 'Name a witness other than the operator (remove empty witness lines).',
          },
  },
  'operator-not-witness': {
    rule: 'The operator is never a witness (names compared trimmed, case-folded, Unicode NFC).',
    broken: (r) => {
      const same = r.witnesses.find((w) => personKey(w) === personKey(r.operator));
      return same === undefined
        ? null
        : {
            message: `The operator “${r.operator}” is also named as witness “${same}”: one person cannot check their own work.`,
            hint: 'Name a different person as witness.',
          };
    },
  },
  'names-distinct': {
    rule: 'All witnesses are different people (names compared trimmed, case-folded, Unicode NFC).',
    broken: (r) => {
      const seen = new Map<string, string>();
      for (const w of r.witnesses) {
        const earlier = seen.get(personKey(w));
        if (earlier !== undefined)
          return {
            message: `“${earlier}” and “${w}” name the same person.`,
            hint: 'Name each witness once; add a different person if you need another witness.',
          };
        seen.set(personKey(w), w);
      }
      return null;
    },
  },
  'quorum-in-range': {
    rule: 'The approval quorum is at least 1 and at most the number of witnesses.',
    broken: (r) =>
      Number.isInteger(r.approvals) && r.approvals >= 1 && r.approvals <= r.witnesses.length
        ? null
        : {
            message: `The import needs ${r.approvals} approvals, but ${r.witnesses.length} witness(es) are named.`,
            hint: 'Set approvals between 1 and the number of witnesses (default: every witness).',
          },
  },
};

/** Normalises the names and checks every role rule; throws ROLES_INVALID naming the first rule broken. */
export function checkRoles(req: { operator: string; witnesses: string[]; approvals?: number | null }): Roles {
  const witnesses = req.witnesses.map(displayName);
  const roles: Roles = {
    operator: displayName(req.operator),
    witnesses,
    approvals: req.approvals ?? witnesses.length,
  };
  for (const { broken } of Object.values(ROLE_RULES)) {
    const refusal = broken(roles);
    if (refusal) throw new AppError('ROLES_INVALID', refusal.message, refusal.hint);
  }
  return roles;
}

/** The named witness this name stands for, or null (the operator and strangers are not witnesses). */
export function findWitness(roles: Roles, name: string): string | null {
  return roles.witnesses.find((w) => personKey(w) === personKey(name)) ?? null;
}

// ── facts, conditions, guards, actions ───────────────────────────────────────────────────────────

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
}

type Refusal = { code: string; message: string; hint: string };

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
  | 'DisableKey';

/** KMS operations that change no state: allowed without a ceremony (listing and describing keys). */
export const KMS_READS: readonly KmsAction[] = ['ListKeys', 'ListAliases', 'DescribeKey'];

interface Condition {
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
} satisfies Record<string, Condition>;

export type ConditionId = keyof typeof CONDITIONS;

/** What needs an explicit confirmation because it would otherwise replace something silently. */
export const GUARDS = {
  'create-another-key': {
    says: 'A second key in one ceremony needs “Create another key” with a reason, which is recorded.',
    applies: (f: PolicyFacts) => f.keysCreated > 0,
    needsReason: true,
    refusal: (f: PolicyFacts): Refusal => ({
      code: 'KEY_ALREADY_CREATED',
      message: `This ceremony already created ${f.keysCreated === 1 ? 'a key' : `${f.keysCreated} keys`}; Create key does not make another silently.`,
      hint: 'Continue with the key created, or choose “Create another key” and give the reason.',
    }),
  },
  'replace-material': {
    says: 'Replacing key material needs confirmation; the check value now in force is recorded.',
    applies: (f: PolicyFacts) => f.materialCheckValue !== null,
    needsReason: false,
    refusal: (f: PolicyFacts): Refusal => ({
      code: 'MATERIAL_EXISTS',
      message: `Key material with check value ${f.materialCheckValue} is already held; it would be replaced.`,
      hint: 'Keep it, or confirm the replacement (the new check value is recorded as the one in force).',
    }),
  },
  reimport: {
    says: 'Importing again into the same key needs confirmation; the check value now in force is recorded.',
    applies: (f: PolicyFacts) => f.importedCheckValue !== null,
    needsReason: false,
    refusal: (f: PolicyFacts): Refusal => ({
      code: 'ALREADY_IMPORTED',
      message: `Material with check value ${f.importedCheckValue} was already imported into this key in this ceremony.`,
      hint: 'Go on to Verify, or confirm the reimport (the check value now in force is recorded).',
    }),
  },
};

export type GuardId = keyof typeof GUARDS;

interface ActionRow {
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
  import: {
    requires: ['ceremony-open', 'wrapped', 'import-approved'],
    guard: 'reimport',
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
} satisfies Record<string, ActionRow>;

export type ActionId = keyof typeof ACTIONS;

export type Verdict =
  | { allowed: true; confirm: { guard: GuardId; needsReason: boolean; message: string } | null }
  | ({ allowed: false } & Refusal);

export function evaluateAction(f: PolicyFacts, action: ActionId): Verdict {
  const row: ActionRow = ACTIONS[action];
  for (const id of row.requires) {
    const c: Condition = CONDITIONS[id];
    if (!c.holds(f)) return { allowed: false, ...c.refusal(f, row.kms) };
  }
  const guard = row.guard ? GUARDS[row.guard as GuardId] : null;
  if (guard && guard.applies(f))
    return {
      allowed: true,
      confirm: {
        guard: row.guard as GuardId,
        needsReason: guard.needsReason,
        message: guard.refusal(f).message,
      },
    };
  return { allowed: true, confirm: null };
}

/** Every action's verdict, for the renderer (session state) and the transcript. */
export function evaluatePolicy(f: PolicyFacts): Record<ActionId, Verdict> {
  return Object.fromEntries(
    (Object.keys(ACTIONS) as ActionId[]).map((a) => [a, evaluateAction(f, a)]),
  ) as Record<ActionId, Verdict>;
}

/** An explicit confirmation sent with an action: `reason` is required where the guard says so. */
export interface Confirmation {
  confirmed: boolean;
  reason?: string | null;
}

/**
 * Refuses the action unless the table allows it (throws AppError with the refusal's code). Returns the
 * guard that the confirmation satisfied, or null, so the step can record what was confirmed.
 */
export function enforce(
  f: PolicyFacts,
  action: ActionId,
  confirmation?: Confirmation | null,
): GuardId | null {
  const verdict = evaluateAction(f, action);
  if (!verdict.allowed) throw new AppError(verdict.code, verdict.message, verdict.hint);
  if (!verdict.confirm) return null;
  const guard = GUARDS[verdict.confirm.guard];
  const refusal = guard.refusal(f);
  if (!confirmation?.confirmed) throw new AppError(refusal.code, refusal.message, refusal.hint);
  if (guard.needsReason && !confirmation.reason?.trim())
    throw new AppError('REASON_REQUIRED', `${refusal.message} A reason is required.`, refusal.hint);
  return verdict.confirm.guard;
}

/** The policy in force, as written into the transcript when a ceremony starts. */
export function policyInForce(roles: Roles): Details {
  return {
    roles: {
      operator: roles.operator,
      witnesses: roles.witnesses,
      rules: Object.values(ROLE_RULES).map((r) => r.rule),
    },
    quorum: `${roles.approvals} of ${roles.witnesses.length} witness(es) approve the import`,
    actions: Object.fromEntries(
      Object.entries(ACTIONS).map(([id, row]) => [
        id,
        [
          ...(row.requires as ConditionId[]).map((c) => CONDITIONS[c].says),
          ...(row.guard ? [GUARDS[row.guard as GuardId].says] : []),
          ...(row.nativeConfirmation
            ? ['Main asks the officers natively first, naming the key ARN and aliases.']
            : []),
          ...(row.kms ? [`Calls KMS ${row.kms}; the intent is recorded before the call.`] : []),
        ],
      ]),
    ),
  };
}

/** What main asks before DeleteImportedKeyMaterial: the key ARN and aliases, in main's own words. */
export function deleteMaterialQuestion(key: { arn: string; aliases: string[] }) {
  return {
    title: 'Delete imported key material',
    message: `Delete the imported key material from ${key.arn}?`,
    detail: [
      `Aliases: ${key.aliases.length ? key.aliases.join(', ') : '(none)'}`,
      'KMS will stop using this key at once (state PendingImport). Only the same key material can bring it back.',
    ].join('\n'),
    confirmLabel: 'Delete key material',
  };
}
