/** Closing a ceremony: a reason in the transcript, then main closes it and the app returns to the start screen. */
import { runAction } from '../../actions';
import { ReasonDialog } from '../../components/ReasonDialog';

export type Closing = 'completed' | 'aborted' | null;

export async function finishCeremony(
  scope: string,
  outcome: 'completed' | 'aborted',
  reason: string,
): Promise<boolean> {
  const r = await runAction(
    {
      scope,
      action: outcome === 'completed' ? 'Finish ceremony' : 'Abort ceremony',
      progress: 'Closing the transcript…',
    },
    (api) => api.finishCeremony({ outcome, reason }),
  );
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
        ? 'The transcript is closed with outcome “completed”. Export the ceremony record first if you need it.'
        : 'The transcript is closed with outcome “aborted” and your reason. Any key material in memory is wiped.'}
    </ReasonDialog>
  );
}
