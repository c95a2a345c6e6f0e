/**
 * A backup waiting for passphrases (issue 11): each custodian who chose "age file to a passphrase" types it
 * in the custodian entry window; main holds it until the backup is written. This screen sees only who has
 * set one, then asks main to write the backup (main asks for the folder).
 */
import { Box, Stack, Typography } from '@mui/material';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { useUi } from '../../store';
import { EntryControls } from './EntryControls';
import { EntryProgress } from './EntryProgress';

export function PassphraseBackup() {
  const entry = useUi((s) => s.session.custody?.entry ?? null);
  if (entry?.kind !== 'passphrases') return null;
  const write = () =>
    runAction(
      {
        scope: 'backup',
        action: 'Write the backup…',
        progress: 'Choose the folder, then splitting, encrypting and writing the shares…',
      },
      (api) => api.completeBackup({}),
    );
  return (
    <Box component="section" aria-label="Passphrases for the backup" sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h4">
        Waiting for the custodians’ passphrases
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {entry.custodians.join(', ')} each type their passphrase twice in the custodian entry window; it is
        never shown here. Cancelling, or pressing “Make backup…” again, discards the passphrases set so far.
      </Typography>
      <EntryProgress entry={entry} />
      <Stack direction="row" spacing={1}>
        <ActionButton label="Write the backup…" disabled={!entry.ready} onClick={() => void write()} />
        <EntryControls />
      </Stack>
    </Box>
  );
}
