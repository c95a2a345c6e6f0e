/**
 * The header's "Transcript" button while a ceremony is open: the transcript verified and listed, and the
 * ceremony finished or aborted. The record is made only once the transcript is closed (closed screen,
 * or the start screen's list of closed ceremonies), so a record never says "not closed".
 */
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { TranscriptView } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TranscriptTable } from '../../components/TranscriptTable';
import { useUi } from '../../store';
import { ClosingDialog, finishCeremony, type Closing } from './ClosingDialog';

export function TranscriptButton() {
  const ceremony = useUi((s) => s.session.ceremony);
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<TranscriptView | null>(null);
  const [closing, setClosing] = useState<Closing>(null);
  if (!ceremony) return null;

  const load = () =>
    runAction(
      { scope: 'transcript', action: 'Transcript', progress: 'Verifying the transcript…' },
      (api) => api.viewTranscript({}),
      { refresh: false },
    ).then((r) => r && setView(r));
  const show = () => {
    setOpen(true);
    void load();
  };
  const finish = (outcome: 'completed' | 'aborted', reason: string) =>
    finishCeremony('transcript', outcome, reason).then((done) => {
      if (done) {
        setOpen(false);
        setView(null);
      }
    });

  return (
    <>
      <Button
        variant="outlined"
        color="inherit"
        onClick={show}
        data-testid="transcript-button"
        sx={{ borderColor: 'rgba(255,255,255,0.6)' }}
      >
        Transcript
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        fullWidth
        maxWidth="lg"
        aria-labelledby="transcript-title"
      >
        <DialogTitle id="transcript-title">
          Ceremony {ceremony.ceremonyId}
          <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
            {ceremony.station} station · operator {ceremony.operator} · witnesses{' '}
            {ceremony.witnesses.join(', ')}
          </Typography>
        </DialogTitle>
        {/* Focusable so keyboard users can scroll it (axe: scrollable-region-focusable). */}
        <DialogContent dividers tabIndex={0}>
          <ErrorAlert scope="transcript" />
          {view ? <TranscriptTable view={view} /> : <Typography>Verifying…</Typography>}
        </DialogContent>
        <DialogActions sx={{ justifyContent: 'space-between', px: 3 }}>
          <Stack direction="row" spacing={1}>
            <ActionButton label="Finish ceremony" onClick={() => setClosing('completed')} />
            <ActionButton
              label="Abort ceremony"
              variant="outlined"
              color="error"
              onClick={() => setClosing('aborted')}
            />
          </Stack>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
      <ClosingDialog closing={closing} onDone={() => setClosing(null)} finish={finish} />
    </>
  );
}
