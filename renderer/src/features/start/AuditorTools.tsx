/** For auditors: this station's public key (to pin its transcripts), and any transcript file verified. */
import { Alert, Box, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { TranscriptView } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatHash } from '../../../../electron/shared/display/hash-format';
import { TranscriptTable } from '../../components/TranscriptTable';

export function AuditorTools() {
  const [exported, setExported] = useState<{ path: string; keyId: string } | null>(null);
  const [view, setView] = useState<TranscriptView | null>(null);
  const exportKey = () =>
    runAction(
      {
        scope: 'auditor',
        action: 'Export station public key…',
        progress: 'Waiting for a folder, then writing the key…',
      },
      (api) => api.exportStationPublicKey({}),
      { refresh: false },
    ).then((r) => r && !('cancelled' in r) && setExported(r));
  const verify = () =>
    runAction(
      { scope: 'auditor', action: 'Verify a transcript…', progress: 'Verifying the transcript…' },
      (api) => api.verifyTranscriptFile({}),
      { refresh: false },
    ).then((r) => r && !('cancelled' in r) && setView(r));

  return (
    <Paper
      variant="outlined"
      sx={{ p: { xs: 2, md: 3 } }}
      component="section"
      aria-labelledby="auditor-title"
    >
      <Typography id="auditor-title" variant="h6" component="h2" sx={{ fontWeight: 600 }}>
        For auditors
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Every transcript is signed with this station’s Ed25519 key. Export the public key to pin it; verify
        any transcript file against it.
      </Typography>
      <Stack direction="row" spacing={2}>
        <ActionButton
          label="Export station public key…"
          variant="outlined"
          onClick={() => void exportKey()}
        />
        <ActionButton label="Verify a transcript…" variant="outlined" onClick={() => void verify()} />
      </Stack>
      <ErrorAlert scope="auditor" />
      {exported && (
        <Alert severity="success" sx={{ mt: 2 }} data-testid="station-key-exported">
          Saved to <code>{exported.path}</code> — station key id{' '}
          <Box component="span" sx={{ fontFamily: 'var(--mono)' }}>
            {formatHash(exported.keyId)}
          </Box>
        </Alert>
      )}
      {view && (
        <Box sx={{ mt: 2 }} data-testid="verified-transcript">
          <TranscriptTable view={view} />
        </Box>
      )}
    </Paper>
  );
}
