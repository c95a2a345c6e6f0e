/** Who has entered a component, share or passphrase so far (names, check values, share numbers) — never the values. */
import { List, ListItem, ListItemText, Typography } from '@mui/material';
import type { CustodyStatus } from '../../../../electron/shared/ipc-contract';

type Entry = NonNullable<CustodyStatus['entry']>;

const SUMMARY: Record<Entry['kind'], { label: string; line: (e: Entry) => string }> = {
  components: {
    label: 'Components entered',
    line: (e) =>
      `${e.entered.length} of ${e.custodians.length} components entered${e.next ? `; next: ${e.next}` : '.'}`,
  },
  shares: {
    label: 'Shares given',
    line: (e) =>
      `${e.entered.length} share(s) given${e.threshold ? `; ${e.threshold} needed` : ''}${e.backupId ? ` (backup ${e.backupId})` : ''}.`,
  },
  passphrases: {
    label: 'Passphrases set',
    line: (e) =>
      `${e.entered.length} of ${e.custodians.length} passphrases set${e.next ? `; next: ${e.next}` : '.'}`,
  },
};

function detail(e: Entry['entered'][number]): string {
  if (e.checkValue === null) return `passphrase set for share ${e.share ?? ''}`;
  return e.share ? `share ${e.share} · check value ${e.checkValue}` : `check value ${e.checkValue}`;
}

export function EntryProgress({ entry }: { entry: Entry }) {
  const summary = SUMMARY[entry.kind];
  return (
    <>
      <Typography variant="body2" sx={{ mt: 1 }} data-testid="custody-progress" role="status">
        {summary.line(entry)}
      </Typography>
      <List dense aria-label={summary.label}>
        {entry.entered.map((e) => (
          <ListItem key={`${e.custodian}-${e.share ?? ''}`} disableGutters>
            <ListItemText primary={e.custodian} secondary={detail(e)} />
          </ListItem>
        ))}
      </List>
    </>
  );
}
