/** A failure as a sentence about what happened and one about what to do next (main's message + hint). */
import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useUi } from '../store';

export function ErrorAlert({ scope, children }: { scope: string; children?: ReactNode }) {
  const error = useUi((s) => s.errors[scope]);
  if (!error) return null;
  return (
    <Alert severity="error" role="alert" sx={{ my: 2 }} data-testid={`error-${scope}`}>
      <AlertTitle sx={{ fontWeight: 600 }}>{error.message}</AlertTitle>
      <Typography variant="body2">{error.hint}</Typography>
      <Typography variant="caption" component="p" sx={{ mt: 1, fontFamily: 'monospace', opacity: 0.8 }}>
        {error.code}
      </Typography>
      {children && <Box sx={{ mt: 1.5 }}>{children}</Box>}
    </Alert>
  );
}
