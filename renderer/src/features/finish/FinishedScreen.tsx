/**
 * After Finish: the transcript is closed (its event count and head hash shown), and the record of the
 * closed transcript is saved where the officers choose (main asks for the folder).
 */
import { Alert, AlertTitle, Box, List, ListItem, Stack } from '@mui/material';
import { useState } from 'react';
import { formatHash } from '../../../../electron/shared/display/hash-format';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { saveClosedRecord } from './save-record';

export function FinishedScreen() {
  const finished = useUi((s) => s.finished);
  const [files, setFiles] = useState<string[] | null>(null);
  if (!finished) return null;
  const { info, summary } = finished;
  const save = () =>
    saveClosedRecord('finished', info.ceremonyId, info.station).then((r) => r && setFiles(r));

  return (
    <Box component="section" aria-labelledby="step-title" data-testid="finished">
      <StepHeading intro="The transcript is closed. Save the signed record now; it can be saved again later from the start screen.">
        Ceremony closed
      </StepHeading>
      <Alert severity="success" role="status" sx={{ mb: 3 }}>
        <AlertTitle>Ceremony {info.ceremonyId} is closed</AlertTitle>
        {info.events} events; transcript head {formatHash(info.headHash)}
      </Alert>
      <Facts facts={summary} testId="finished-summary" />
      <Stack direction="row" spacing={2} sx={{ mt: 3 }}>
        <ActionButton label="Save the ceremony record…" onClick={() => void save()} />
        <ActionButton
          label="Back to the start screen"
          variant="outlined"
          onClick={() => useUi.getState().setFinished(null)}
        />
      </Stack>
      <ErrorAlert scope="finished" />
      {files && (
        <Alert severity="success" sx={{ mt: 2 }} data-testid="record-files">
          Record of the closed ceremony written:
          <List dense disablePadding>
            {files.map((f) => (
              <ListItem key={f} disableGutters sx={{ fontFamily: 'var(--mono)', fontSize: 13 }}>
                {f}
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
    </Box>
  );
}
