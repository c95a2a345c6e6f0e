/** The policy in words: as written into the transcript at start, and main's native questions. */
import { CONDITIONS, type ConditionId } from './policy-conditions';
import { GUARDS, type GuardId } from './policy-guards';
import { ACTIONS } from './policy-table';
import { ROLE_RULES, type Roles } from './roles';
import type { Details } from './transcript-details';

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
