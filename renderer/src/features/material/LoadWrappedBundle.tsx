/**
 * Online station, air-gapped ceremony: instead of material, load the wrapped bundle made offline. Main
 * checks it belongs to these parameters and merges the offline transcript; this station never holds the
 * material, and Verify proves the import against the offline check value.
 */
import { Box, Stack, Typography } from '@mui/material';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useUi } from '../../store';
import { ExpiredOffer } from '../parameters/ExpiredOffer';

const LABELS = { file: 'Load wrapped bundle…', folder: 'Load wrapped bundle (folder)…' } as const;

export function LoadWrappedBundle() {
  const load = async (from: 'file' | 'folder') => {
    const r = await runAction(
      {
        scope: 'wrapped-bundle',
        action: LABELS[from],
        progress: 'Checking the wrapped bundle against these parameters…',
      },
      (api) => api.loadWrappedBundle({ from }),
    );
    if (!r || 'cancelled' in r) return;
    const ui = useUi.getState();
    ui.setOfflineWrap({ checkValue: r.checkValue, offlineEvents: r.offlineEvents });
    ui.goTo('import');
  };
  return (
    <Box component="section" aria-labelledby="wrapped-bundle-title">
      <Typography id="wrapped-bundle-title" variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        Air-gapped ceremony
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, maxWidth: 760 }}>
        The material was generated and wrapped on the offline station: load its wrapped bundle. This station
        then never holds the key material.
      </Typography>
      <Stack direction="row" spacing={2}>
        {(['file', 'folder'] as const).map((from) => (
          <ActionButton key={from} label={LABELS[from]} variant="outlined" onClick={() => void load(from)} />
        ))}
      </Stack>
      <ErrorAlert scope="wrapped-bundle">
        <ExpiredOffer />
      </ErrorAlert>
    </Box>
  );
}
