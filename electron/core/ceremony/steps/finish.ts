/** Step Finish: closes the transcript with `ceremony.completed` or `ceremony.aborted`. */
import type { CeremonyInfo } from '../ceremony-log';
import { AppError } from '../../errors';
import { disconnect, requireLog, type CeremonyState } from '../state';

/**
 * Closes the transcript. Errors: AppError PROOF_FAILED (nothing written, the ceremony stays open) when
 * `completed` is asked while the last proof of the imported material failed — the renderer hides Finish
 * then, but main decides: a ceremony whose proof failed can only be recorded as aborted.
 */
export async function finishCeremony(
  s: CeremonyState,
  outcome: 'completed' | 'aborted',
  reason: string,
): Promise<CeremonyInfo> {
  const log = requireLog(s);
  if (outcome === 'completed' && s.verification?.passed === false) {
    throw new AppError(
      'PROOF_FAILED',
      'This ceremony cannot be recorded as completed: the last proof found that KMS does not hold the material this station holds.',
      'Verify again once the cause is found, or finish the ceremony as aborted and say why.',
    );
  }
  const info = await log.finish(outcome, reason);
  s.log = null;
  s.roles = null;
  disconnect(s);
  return info;
}

/** Wipes the material and forgets the connection (app quit). The transcript stays open for resume. */
export async function closeSession(s: CeremonyState): Promise<void> {
  disconnect(s);
  await s.log?.close();
  s.log = null;
}
