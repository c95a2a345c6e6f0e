/**
 * Reads the policy table against the ceremony's facts: per action allowed (perhaps with a confirmation
 * to ask for) or refused with a typed `{code, message, hint}`; `enforce` throws that refusal in main
 * before anything changes.
 */
import { AppError } from '../errors';
import { CONDITIONS, type Condition, type PolicyFacts, type Refusal } from './policy-conditions';
import { GUARDS, type GuardId } from './policy-guards';
import { ACTIONS, type ActionId, type ActionRow } from './policy-table';

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
