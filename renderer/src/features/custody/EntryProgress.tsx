/** Who has entered a component or share so far (names, check values, share numbers) — never the values. */
import { List, ListItem, ListItemText, Typography } from '@mui/material';
import type { CustodyStatus } from '../../../../electron/shared/ipc-contract';

export function EntryProgress({ entry }: { entry: NonNullable<CustodyStatus['entry']> }) {
  return (
    <>
      <Typography variant="body2" sx={{ mt: 1 }} data-testid="custody-progress" role="status">
        {entry.kind === 'components'
          ? `${entry.entered.length} of ${entry.custodians.length} components entered${entry.next ? `; next: ${entry.next}` : '.'}`
          : `${entry.entered.length} share(s) given${entry.threshold ? `; ${entry.threshold} needed` : ''}${entry.backupId ? ` (backup ${entry.backupId})` : ''}.`}
      </Typography>
      <List dense aria-label={entry.kind === 'components' ? 'Components entered' : 'Shares given'}>
        {entry.entered.map((e) => (
          <ListItem key={`${e.custodian}-${e.share ?? ''}`} disableGutters>
            <ListItemText
              primary={e.custodian}
              secondary={
                e.share ? `share ${e.share} · check value ${e.checkValue}` : `check value ${e.checkValue}`
              }
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}
