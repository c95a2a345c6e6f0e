/**
 * The ceremony policy: ONE declarative table (./policy-table.ts) saying what each action needs first
 * (conditions, ./policy-conditions.ts), what must be confirmed explicitly (guards, ./policy-guards.ts)
 * and which KMS operation it calls; who takes part and the approval quorum (./roles.ts).
 * `evaluatePolicy` reads the table against the ceremony's facts and says, per action, allowed or why
 * not — the renderer shows that reason from the same table; `enforce` refuses in main with a typed
 * `{code, message, hint}` before anything changes (./policy-verdicts.ts). The table is written into the
 * transcript at start (./policy-record.ts).
 *
 * Every action that changes KMS state runs only inside an open ceremony and — except CreateKey, which
 * makes the ceremony's key — only on the key that ceremony has selected; the intent is written to the
 * transcript before the call and the outcome after, so a crash between the two stays visible. KMS reads
 * (KMS_READS) are free. This module only gathers the parts under one name.
 */
export { checkRoles, displayName, findWitness, personKey, ROLE_RULES, type Roles } from './roles';
export {
  CONDITIONS,
  KMS_READS,
  type ConditionId,
  type KmsAction,
  type PolicyFacts,
  type Refusal,
} from './policy-conditions';
export { GUARDS, type GuardId } from './policy-guards';
export { ACTIONS, type ActionId } from './policy-table';
export { enforce, evaluateAction, evaluatePolicy, type Confirmation, type Verdict } from './policy-verdicts';
export { deleteMaterialQuestion, policyInForce } from './policy-record';
