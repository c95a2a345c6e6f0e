/** A transcript as auditors read it: main's verification verdict first, then every event in order. */
import {
  Alert,
  AlertTitle,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
} from '@mui/material';
import type { TranscriptView } from '../../../electron/shared/ipc-contract';
import { instantParts } from '../../../electron/shared/display/time-format';

const mono = { fontFamily: 'var(--mono)', fontSize: 13 };

export function TranscriptTable({ view }: { view: TranscriptView }) {
  const { verification: v, events } = view;
  return (
    <>
      <Alert
        severity={v.intact ? 'success' : 'error'}
        role={v.intact ? 'status' : 'alert'}
        data-testid="transcript-verification"
        data-intact={v.intact}
        sx={{ mb: 2 }}
      >
        <AlertTitle sx={{ fontWeight: 600 }}>
          {v.intact ? 'Transcript verified' : 'Transcript NOT intact'}
        </AlertTitle>
        {v.message}
      </Alert>
      <TableContainer
        tabIndex={0}
        role="region"
        aria-label="Transcript events (scrollable)"
        sx={{ maxHeight: 460, border: 1, borderColor: 'divider', borderRadius: 1 }}
      >
        <Table size="small" stickyHeader aria-label="Transcript events" data-testid="transcript-events">
          <TableHead>
            <TableRow>
              {['Seq', 'Time', 'Station', 'Action', 'Result', 'Summary'].map((h) => (
                <TableCell key={h} sx={{ fontWeight: 600 }}>
                  {h}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {events.map((e) => (
              <TableRow
                key={`${e.station}-${e.seq}-${e.time}`}
                data-offline={e.offline}
                sx={e.offline ? { bgcolor: '#eceff1' } : undefined}
              >
                <TableCell sx={mono}>{e.seq}</TableCell>
                <TableCell sx={{ ...mono, whiteSpace: 'nowrap' }}>
                  <EventTime iso={e.time} />
                </TableCell>
                <TableCell>
                  {e.offline ? (
                    <Chip size="small" label={`${e.station} · offline segment`} variant="outlined" />
                  ) : (
                    e.station
                  )}
                </TableCell>
                <TableCell sx={mono}>{e.action}</TableCell>
                <TableCell sx={{ color: e.result === 'error' ? 'error.dark' : undefined }}>
                  {e.result}
                </TableCell>
                <TableCell sx={{ fontSize: 13, wordBreak: 'break-word' }}>{e.summary}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}

/** UTC on the first line, local time with its zone below (the shared instant format, split in two). */
function EventTime({ iso }: { iso: string }) {
  const t = instantParts(iso);
  return (
    <>
      {t.utc}
      <br />
      <span style={{ color: '#555' }}>
        {t.local} {t.zone} ({t.offset})
      </span>
    </>
  );
}
