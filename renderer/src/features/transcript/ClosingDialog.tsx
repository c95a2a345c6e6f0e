/**
 * Closing a ceremony: a reason in the transcript, then main closes it. A completed ceremony goes on to the
 * closed screen, where the record of the closed transcript is saved; an aborted one returns to the start.
 */
import { runAction } from '../../actions';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useUi } from '../../store';
import { ceremonySummary } from '../finish/summary';

export type Closing = 'completed' | 'aborted' | null;

export async function finishCeremony(
  scope: string,
  outcome: 'completed' | 'aborted',
  reason: string,
): Promise<boolean> {
  const before = useUi.getState();
  const summary = ceremonySummary(before.session, before.offlineWrap?.checkValue ?? null);
  const r = await runAction(
    {
      scope,
      action: outcome === 'completed' ? 'Finish ceremony' : 'Abort ceremony',
      progress: 'Closing the transcript…',
    },
    (api) => api.finishCeremony({ outcome, reason }),
  );
  if (r && outcome === 'completed') useUi.getState().setFinished({ info: r, summary });
  return r !== null;
}

export function ClosingDialog({
  closing,
  onDone,
  finish,
}: {
  closing: Closing;
  onDone: () => void;
  finish: (outcome: 'completed' | 'aborted', reason: string) => Promise<unknown>;
}) {
  const completed = closing === 'completed';
  return (
    <ReasonDialog
      key={closing ?? 'none'}
      open={closing !== null}
      title={completed ? 'Finish the ceremony?' : 'Abort the ceremony?'}
      confirmLabel={completed ? 'Finish' : 'Abort'}
      initialReason={completed ? 'Completed as planned.' : ''}
      minLength={completed ? 1 : 3}
      danger={!completed}
      onCancel={onDone}
      onConfirm={(reason) => {
        onDone();
        void finish(closing!, reason);
      }}
    >
      {completed
        ? 'The transcript is closed with outcome “completed”; the signed record is then saved from the closed transcript.'
        : 'The transcript is closed with outcome “aborted” and your reason. Any key material in memory is wiped.'}
    </ReasonDialog>
  );
}
