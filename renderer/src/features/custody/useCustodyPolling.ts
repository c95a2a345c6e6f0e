/** While custodians enter in their own window, the wizard re-reads main's session to show who is in. */
import { useEffect } from 'react';
import { refreshSession } from '../../actions';
import { useUi } from '../../store';

export function useCustodyPolling(): void {
  const open = useUi((s) => s.session.custody?.entry !== null && s.session.custody?.entry !== undefined);
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => void refreshSession().catch(() => undefined), 1500);
    return () => clearInterval(timer);
  }, [open]);
}
