/** Files main wrote for the officers: the folder, then each file's name, size and SHA-256. */
import { Alert, List, ListItem, ListItemText, type SxProps } from '@mui/material';
import type { ReactNode } from 'react';
import { formatHash } from '../../../electron/shared/display/hash-format';

export function SavedFiles({
  saved,
  testId,
  intro = 'Saved to',
  sx,
}: {
  saved: { folder: string; files: { name: string; size: number; sha256: string }[] };
  testId: string;
  intro?: ReactNode;
  sx?: SxProps;
}) {
  return (
    <Alert severity="success" data-testid={testId} sx={sx}>
      {intro} <code>{saved.folder}</code>:
      <List dense disablePadding>
        {saved.files.map((f) => (
          <ListItem key={f.name} disableGutters>
            <ListItemText
              primary={`${f.name} — ${f.size} bytes`}
              secondary={formatHash(f.sha256)}
              slotProps={{ secondary: { sx: { fontFamily: 'var(--mono)' } } }}
            />
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
