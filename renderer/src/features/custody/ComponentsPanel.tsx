/**
 * Split-knowledge entry (issue 11): the officers name the custodians; each custodian then enters their
 * component in the custody entry window, never here. Main XORs them once all are in; this screen sees
 * names and check values only.
 */
import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useVerdict } from '../../components/PolicyNote';
import { useUi } from '../../store';
import { EntryControls } from './EntryControls';
import { EntryProgress } from './EntryProgress';

export function ComponentsPanel() {
  const entry = useUi((s) => s.session.custody?.entry ?? null);
  const material = useUi((s) => s.session.material);
  const verdict = useVerdict('material.components');
  const [names, setNames] = useState(['', '']);
  // Replacing material already held is never silent: confirmed in a dialog, as for Generate and Load.
  const replacing = verdict?.allowed ? verdict.confirm : null;
  const [confirmReplace, setConfirmReplace] = useState(false);

  const begin = (replace: boolean) =>
    runAction(
      { scope: 'custody', action: 'Start component entry', progress: 'Opening the custodian entry window…' },
      async (api) => {
        const r = await api.beginComponents({ custodians: names, ...(replace ? { replace } : {}) });
        if (r.ok) await api.openCustodyEntry({});
        return r;
      },
    );
  const combine = () =>
    runAction(
      { scope: 'custody', action: 'Combine components', progress: 'Combining the components in main…' },
      (api) => api.combineComponents({}),
    );
  if (entry?.kind === 'components')
    return (
      <Box component="section" aria-label="Custodian components">
        <Typography variant="subtitle1" component="h3">
          Custodian components
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Each custodian enters their component in the custodian entry window; nothing they type appears here.
        </Typography>
        <EntryProgress entry={entry} />
        <Stack direction="row" spacing={1}>
          <ActionButton label="Combine components" disabled={!entry.ready} onClick={() => void combine()} />
          <EntryControls />
        </Stack>
      </Box>
    );
  if (entry) return null;
  return (
    <Box component="section" aria-label="Enter as custodian components">
      <Typography variant="subtitle1" component="h3">
        Enter as custodian components (split knowledge)
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        2 to 9 custodians, each with a component as long as the key and its check value. Not the operator.
      </Typography>
      <Stack spacing={1.5}>
        {names.map((name, i) => (
          <TextField
            key={i}
            size="small"
            label={`Custodian ${i + 1}`}
            value={name}
            onChange={(e) => setNames(names.map((n, j) => (j === i ? e.target.value : n)))}
            autoComplete="off"
          />
        ))}
        <Stack direction="row" spacing={1}>
          <Button size="small" disabled={names.length >= 9} onClick={() => setNames([...names, ''])}>
            Add custodian
          </Button>
          <Button size="small" disabled={names.length <= 2} onClick={() => setNames(names.slice(0, -1))}>
            Remove last custodian
          </Button>
        </Stack>
        <Box>
          <ActionButton
            label="Start component entry"
            variant="outlined"
            onClick={() => (replacing || material ? setConfirmReplace(true) : void begin(false))}
          />
          <ConfirmDialog
            open={confirmReplace}
            title="Replace the key material?"
            confirmLabel="Replace with components"
            onCancel={() => setConfirmReplace(false)}
            onConfirm={() => {
              setConfirmReplace(false);
              void begin(true);
            }}
          >
            {replacing?.message ?? 'Key material is already held; the combined components would replace it.'}{' '}
            The combined material’s check value is recorded as the one in force.
          </ConfirmDialog>
        </Box>
      </Stack>
    </Box>
  );
}
