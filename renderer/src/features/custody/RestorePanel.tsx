/**
 * Reimport from backup (issue 11): custodians give their shares in the custody entry window; here the
 * officers see which shares are in, then main rebuilds the material and checks it against the backup's
 * check value (and the key record's) before anything is wrapped or sent to KMS.
 */
import { Box, Stack, Typography } from '@mui/material';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { useUi } from '../../store';
import { EntryControls } from './EntryControls';
import { EntryProgress } from './EntryProgress';

export function RestorePanel() {
  const entry = useUi((s) => s.session.custody?.entry ?? null);
  if (entry?.kind !== 'shares') return null;
  const rebuild = () =>
    runAction(
      {
        scope: 'custody',
        action: 'Rebuild material from shares',
        progress: 'Rebuilding and checking in main…',
      },
      (api) => api.restoreFromShares({}),
    );
  return (
    <Box component="section" aria-label="Reimport from backup" sx={{ mb: 3 }}>
      <Typography variant="subtitle1" component="h3">
        Reimport from backup
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Each custodian gives their share in the custodian entry window (the sheet’s text, its QR code, or
        their age file). Nothing is rebuilt until enough shares of one backup are in.
      </Typography>
      <EntryProgress entry={entry} />
      <Stack direction="row" spacing={1}>
        <ActionButton
          label="Rebuild material from shares"
          disabled={!entry.ready}
          onClick={() => void rebuild()}
        />
        <EntryControls />
      </Stack>
    </Box>
  );
}
