/** The account's keys with their aliases; EXTERNAL ones are marked, since only those can take imported material. */
import {
  Box,
  Chip,
  Radio,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import type { KeySummary } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';

const fetchKeys = () =>
  runAction(
    { scope: 'key', action: 'Refresh list', progress: 'Listing keys and aliases…' },
    (api) => api.listKeys({}),
    { refresh: false },
  );

export function KeyList({ selected }: { selected: string | null }) {
  const [keys, setKeys] = useState<KeySummary[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [choice, setChoice] = useState<string | null>(selected);

  const show = useCallback((r: Awaited<ReturnType<typeof fetchKeys>>) => {
    if (!r) return;
    setKeys(r.keys);
    setTruncated(r.truncated);
  }, []);
  useEffect(() => {
    let live = true;
    void fetchKeys().then((r) => live && show(r));
    return () => {
      live = false;
    };
  }, [show]);

  const describe = () =>
    choice &&
    runAction({ scope: 'key', action: 'Describe key', progress: 'Describing the key…' }, (api) =>
      api.describeKey({ keyId: choice }),
    );

  return (
    <Box>
      <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1, maxHeight: 320 }}>
        <Table size="small" stickyHeader aria-label="Keys in this account and Region">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" />
              <TableCell>Alias</TableCell>
              <TableCell>Key ID</TableCell>
              <TableCell>Origin</TableCell>
              <TableCell>Key spec</TableCell>
              <TableCell>Key usage</TableCell>
              <TableCell>State</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {keys?.map((k) => {
              const name = k.aliases[0] ?? k.keyId;
              return (
                <TableRow
                  key={k.keyId}
                  hover
                  selected={choice === k.keyId}
                  onClick={() => setChoice(k.keyId)}
                  sx={{ cursor: 'pointer' }}
                >
                  <TableCell padding="checkbox">
                    <Radio
                      checked={choice === k.keyId}
                      onChange={() => setChoice(k.keyId)}
                      name="existing-key"
                      value={k.keyId}
                      slotProps={{ input: { 'aria-label': name } }}
                    />
                  </TableCell>
                  <TableCell>{k.aliases.join(', ') || '—'}</TableCell>
                  <TableCell sx={{ fontFamily: 'var(--mono)', fontSize: 12 }}>{k.keyId}</TableCell>
                  <TableCell>
                    {k.origin === 'EXTERNAL' ? (
                      <Chip size="small" color="primary" label="EXTERNAL" />
                    ) : (
                      <Typography variant="body2" color="text.secondary">
                        {k.origin ?? '—'}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{k.keySpec ?? '—'}</TableCell>
                  <TableCell>{k.keyUsage ?? '—'}</TableCell>
                  <TableCell>{k.keyState ?? '—'}</TableCell>
                </TableRow>
              );
            })}
            {keys?.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>
                  <Typography color="text.secondary">No keys yet. Create one under “New key”.</Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      {truncated && (
        <Typography variant="body2" color="warning.main" sx={{ mt: 1 }}>
          The list was cut short by KMS; not every key is shown.
        </Typography>
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
        <ActionButton label="Describe key" disabled={!choice} onClick={() => void describe()} />
        <ActionButton label="Refresh list" variant="outlined" onClick={() => void fetchKeys().then(show)} />
      </Stack>
    </Box>
  );
}
