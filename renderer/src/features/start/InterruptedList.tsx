/** Ceremonies whose transcript was never finished: resume one (same station, same names) or close it. */
import { Chip, List, ListItem, ListItemText, Paper, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import type { Res } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReasonDialog } from '../../components/ReasonDialog';
import { startCeremony } from './StartScreen';
import { useUi } from '../../store';

type Interrupted = Res<'ceremony:interrupted'>['ceremonies'][number];

export function InterruptedList() {
  const [list, setList] = useState<Interrupted[] | null>(null);
  const [aborting, setAborting] = useState<Interrupted | null>(null);
  const load = useCallback(
    () =>
      runAction(
        { scope: 'interrupted', action: 'List interrupted', progress: 'Looking for interrupted ceremonies…' },
        (api) => api.listInterruptedCeremonies({}),
        { refresh: false },
      ).then((r) => r && setList(r.ceremonies)),
    [],
  );
  useEffect(() => void load(), [load]);
  if (!list || list.length === 0) return <ErrorAlert scope="interrupted" />;

  const abort = (c: Interrupted, reason: string) =>
    runAction(
      { scope: 'interrupted', action: `Mark aborted ${c.ceremonyId}`, progress: 'Closing the transcript…' },
      (api) => api.abortInterruptedCeremony({ ceremonyId: c.ceremonyId, reason }),
      { refresh: false },
    ).then(() => load());

  return (
    <Paper
      variant="outlined"
      sx={{ p: { xs: 2, md: 3 } }}
      component="section"
      aria-labelledby="interrupted-title"
    >
      <Typography id="interrupted-title" variant="h6" component="h2" sx={{ fontWeight: 600 }}>
        Interrupted ceremonies
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        These transcripts were never finished. Resume one with the same station and names, or mark it aborted
        with a reason.
      </Typography>
      <ErrorAlert scope="interrupted" />
      <List data-testid="interrupted-list">
        {list.map((c) => (
          <ListItem key={c.ceremonyId} divider sx={{ alignItems: 'flex-start' }}>
            <ListItemText
              primary={
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <span style={{ fontFamily: 'var(--mono)' }}>{c.ceremonyId}</span>
                  <Chip size="small" label={c.station} variant="outlined" />
                  {(!c.intact || c.torn) && (
                    <Chip size="small" color="warning" label={c.torn ? 'torn last line' : 'not intact'} />
                  )}
                </Stack>
              }
              secondary={`Operator ${c.operator}; witnesses ${c.witnesses.join(', ')} · ${c.events} events · last: ${c.lastAction ?? '—'} ${c.lastTime ?? ''}${c.keyArn ? ` · ${c.keyArn}` : ''}`}
            />
            <Stack direction="row" spacing={1} sx={{ ml: 2, flexShrink: 0 }}>
              <ActionButton
                label="Resume"
                size="small"
                aria-label={`Resume ${c.ceremonyId}`}
                onClick={() => {
                  // A key chosen in the expiry planner presets a new reimport, not this ceremony's Connect and Key.
                  useUi.getState().setReimportKey(null);
                  void startCeremony('Resume', {
                    station: c.station,
                    operator: c.operator,
                    witnesses: c.witnesses,
                    resumeCeremonyId: c.ceremonyId,
                    parameters: null,
                  });
                }}
              />
              <ActionButton
                label="Mark aborted"
                size="small"
                variant="outlined"
                color="error"
                aria-label={`Mark ${c.ceremonyId} aborted`}
                onClick={() => setAborting(c)}
              />
            </Stack>
          </ListItem>
        ))}
      </List>
      <ReasonDialog
        key={aborting?.ceremonyId ?? 'none'}
        open={aborting !== null}
        title="Mark this ceremony aborted?"
        confirmLabel="Mark aborted"
        danger
        onCancel={() => setAborting(null)}
        onConfirm={(reason) => {
          const c = aborting!;
          setAborting(null);
          void abort(c, reason);
        }}
      >
        The transcript of {aborting?.ceremonyId} is closed with outcome “aborted” and your reason. It cannot
        be resumed afterwards.
      </ReasonDialog>
    </Paper>
  );
}
