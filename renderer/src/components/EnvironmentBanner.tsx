/** Always visible: is this a rehearsal against the local emulator, or real AWS? */
import { Box, Typography } from '@mui/material';
import type { Connection } from '../../../electron/shared/ipc-contract';

export function EnvironmentBanner({ connection }: { connection: Connection | null }) {
  const kind = connection === null ? 'none' : connection.target === 'emulator' ? 'rehearsal' : 'production';
  const styles = {
    none: { bgcolor: 'grey.200', color: 'text.primary' },
    rehearsal: { bgcolor: '#1d4e89', color: '#fff' },
    production: { bgcolor: '#8a1c1c', color: '#fff' },
  }[kind];
  const text = {
    none: 'Not connected',
    rehearsal: 'REHEARSAL — local emulator; nothing here touches AWS',
    production: `PRODUCTION — AWS account ${connection?.account ?? ''}, ${connection?.region ?? ''}`,
  }[kind];
  return (
    <Box
      component="aside"
      aria-label="Environment"
      data-testid="environment-banner"
      data-kind={kind}
      sx={{ ...styles, px: 3, py: 0.75 }}
    >
      <Typography variant="body2" sx={{ fontWeight: 600, letterSpacing: 0.5 }}>
        {text}
      </Typography>
    </Box>
  );
}
