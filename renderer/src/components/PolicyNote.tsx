/**
 * Why an action is unavailable, in main's words: the ceremony policy (electron/core/ceremony/policy.ts)
 * evaluates every action and reports it in the session state; the renderer only shows the verdict.
 */
import { Alert } from '@mui/material';
import type { PolicyVerdict } from '../../../electron/shared/ipc-contract';
import { useUi } from '../store';

export function useVerdict(action: string): PolicyVerdict | null {
  return useUi((s) => s.session.policy?.[action] ?? null);
}

export function PolicyNote({ action }: { action: string }) {
  const verdict = useVerdict(action);
  if (!verdict || verdict.allowed) return null;
  return (
    <Alert severity="info" data-testid={`policy-${action}`} sx={{ mt: 2 }}>
      {verdict.message} {verdict.hint}
    </Alert>
  );
}
