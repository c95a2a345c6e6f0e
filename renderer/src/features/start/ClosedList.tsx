/** Closed ceremonies of this station: their record can be saved again at any time (from the closed transcript). */
import { List, ListItem, ListItemText, Paper, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { Res } from '../../../../electron/shared/ipc-contract';
import { call, ceremonyApi } from '../../api';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatInstant } from '../../time';
import { saveClosedRecord } from '../finish/save-record';

type Closed = Res<'ceremony:closed'>['ceremonies'];

export function ClosedList() {
  const [closed, setClosed] = useState<Closed>([]);
  const [saved, setSaved] = useState<Record<string, string[]>>({});
  useEffect(() => {
    call(ceremonyApi().listClosedCeremonies({})).then(
      (r) => setClosed(r.ceremonies),
      () => undefined,
    );
  }, []);
  if (closed.length === 0) return null;
  return (
    <Paper variant="outlined" component="section" aria-labelledby="closed-title" sx={{ p: 2 }}>
      <Typography id="closed-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        Closed ceremonies
      </Typography>
      <List dense data-testid="closed-ceremonies">
        {closed.slice(0, 20).map((c) => (
          <ListItem
            key={`${c.ceremonyId}.${c.station}`}
            disableGutters
            secondaryAction={
              <ActionButton
                label={`Save record of ${c.ceremonyId}…`}
                variant="outlined"
                size="small"
                disabled={!c.intact}
                onClick={() =>
                  void saveClosedRecord('closed', c.ceremonyId, c.station).then(
                    (files) => files && setSaved((s) => ({ ...s, [c.ceremonyId]: files })),
                  )
                }
              />
            }
          >
            <ListItemText
              primary={`${c.ceremonyId} · ${c.outcome} · ${c.station} station`}
              secondary={`${formatInstant(c.closedAt)} · operator ${c.operator} · ${c.events} events${
                c.intact ? '' : ' · TRANSCRIPT DOES NOT VERIFY'
              }${saved[c.ceremonyId] ? ` · record saved: ${saved[c.ceremonyId]!.join(', ')}` : ''}`}
              sx={{ pr: 28 }}
            />
          </ListItem>
        ))}
      </List>
      <ErrorAlert scope="closed" />
    </Paper>
  );
}
