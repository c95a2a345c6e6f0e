/**
 * The one progress state, inside the step where the work was asked for: what is happening, how long it
 * usually takes and how long it has taken so far, so slow work (RSA-4096 generation, KMS calls) never
 * looks frozen. The live region is always there, so screen readers announce each new state.
 */
import { Box, CircularProgress, Typography } from '@mui/material';
import { useUi } from '../store';
import { useNow } from './Countdown';

function Elapsed({ since }: { since: number }) {
  const now = useNow();
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  return (
    <Typography variant="body2" color="text.secondary" data-testid="busy-elapsed">
      {seconds} s so far
    </Typography>
  );
}

export function BusyIndicator() {
  const busy = useUi((s) => s.busy);
  return (
    <Box role="status" aria-live="polite" data-testid="busy">
      {busy && (
        <Box
          sx={{
            display: 'flex',
            alignItems: 'center',
            gap: 2,
            p: 2,
            mb: 2,
            border: 2,
            borderColor: 'primary.main',
            borderRadius: 1,
            bgcolor: '#e3f2fd',
          }}
        >
          <CircularProgress size={32} aria-label={busy.label} />
          <Box>
            <Typography sx={{ fontWeight: 600 }} data-testid="busy-label">
              {busy.label}
            </Typography>
            {busy.expected && (
              <Typography variant="body2" data-testid="busy-expected">
                {busy.expected}
              </Typography>
            )}
            <Elapsed since={busy.since} />
          </Box>
        </Box>
      )}
    </Box>
  );
}
