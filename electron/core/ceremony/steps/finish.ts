/** Step Finish: closes the transcript with `ceremony.completed` or `ceremony.aborted`. */
import type { CeremonyInfo } from '../ceremony-log';
import { disconnect, requireLog, type CeremonyState } from '../state';

export async function finishCeremony(
  s: CeremonyState,
  outcome: 'completed' | 'aborted',
  reason: string,
): Promise<CeremonyInfo> {
  const log = requireLog(s);
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
