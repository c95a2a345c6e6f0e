import { useCountdownState } from '../../components/Countdown';
import { useUi } from '../../store';

/** True once the import parameters can no longer be used: by the local clock, or because main said so. */
export function useParametersExpired(): boolean {
  const validTo = useUi((s) => s.session.parameters?.parametersValidTo ?? null);
  const flagged = useUi((s) => s.parametersExpired);
  const state = useCountdownState(validTo ?? new Date(8.64e15).toISOString(), flagged);
  return validTo !== null && state === 'expired';
}
