/** The one progress indicator: a bar and a label, announced politely, so a long call never looks frozen. */
import { Box, LinearProgress, Typography } from '@mui/material';
import { useUi } from '../store';

export function BusyIndicator() {
  const busy = useUi((s) => s.busy);
  return (
    <Box role="status" aria-live="polite" sx={{ minHeight: 36, my: 1 }}>
      {busy && (
        <>
          <LinearProgress aria-label={busy.label} />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} data-testid="busy-label">
            {busy.label}
          </Typography>
        </>
      )}
    </Box>
  );
}
