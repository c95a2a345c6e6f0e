/**
 * Runs one call to main the way every button needs it: one at a time, with a progress label, the error
 * kept as `{ code, message, hint }` for its screen, and main's session re-read afterwards so the UI
 * never keeps a stale picture (main clears downstream steps itself when, say, a new key is picked).
 */
import type { CeremonyApi, IpcError, Result, SessionState } from '../../electron/shared/ipc-contract';
import { ceremonyApi } from './api';
import { useUi } from './store';

/** Codes meaning the wrapping key and import token can no longer be used. */
export const EXPIRED_CODES = new Set(['PARAMETERS_EXPIRED', 'ExpiredImportTokenException']);

function asIpcError(e: unknown): IpcError {
  const message = e instanceof Error ? e.message : String(e);
  return {
    code: 'APP',
    message: `The app could not reach its main process: ${message}`,
    hint: 'Restart the app. If it happens again, stop the ceremony and report it.',
  };
}

/** Main's session now, or null when it cannot be read (a call's own result still counts). */
async function readSession(): Promise<SessionState | null> {
  try {
    const r = await ceremonyApi().sessionState({});
    return r.ok ? r.value : null;
  } catch {
    return null;
  }
}

export async function refreshSession(): Promise<void> {
  const session = await readSession();
  if (session) useUi.getState().setSession(session);
}

export interface RunOptions {
  /** Re-read main's session afterwards (every call that changes it). Default true. */
  refresh?: boolean;
}

export interface Action {
  /** Screen area whose ErrorAlert shows a failure: "connect", "key", "parameters", … */
  scope: string;
  /** The button's own text, so that button (and only it) shows the spinner. */
  action: string;
  /** What the progress indicator says meanwhile. */
  progress: string;
  /** How long it usually takes, for slow work (key generation, KMS calls), e.g. "Usually 2–30 seconds." */
  expected?: string;
}

export async function runAction<T>(
  { scope, action, progress, expected }: Action,
  op: (api: CeremonyApi) => Promise<Result<T>>,
  { refresh = true }: RunOptions = {},
): Promise<T | null> {
  const ui = useUi.getState();
  if (ui.busy) return null;
  ui.setBusy({ action, label: progress, since: Date.now(), ...(expected ? { expected } : {}) });
  ui.setError(scope, null);
  let result: Result<T>;
  try {
    result = await op(ceremonyApi());
  } catch (e) {
    result = { ok: false, error: asIpcError(e) };
  }
  const session = refresh ? await readSession() : null;
  // Session, error and busy change in the same tick, so React renders the outcome once (not once for
  // the session and again for every button coming back from busy).
  const after = useUi.getState();
  if (session) after.setSession(session);
  if (!result.ok) {
    after.setError(scope, result.error);
    if (EXPIRED_CODES.has(result.error.code)) after.setParametersExpired(true);
  }
  after.setBusy(null);
  return result.ok ? result.value : null;
}
