/**
 * The last step: the ceremony's summary, then Finish closes the transcript in main. Only a closed
 * transcript gets a record, so the record is saved from the screen that follows (FinishedScreen).
 */
import { Alert, Box, TextField } from '@mui/material';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { finishCeremony } from '../transcript/ClosingDialog';
import { ceremonySummary } from './summary';
import { RegionResults } from '../multi-region/RegionResults';

export function FinishStep() {
  const session = useUi((s) => s.session);
  const offlineWrap = useUi((s) => s.offlineWrap);
  const [reason, setReason] = useState(
    session.rotation?.provenStatements
      ? 'Rotated and proven as planned.'
      : 'Imported and verified as planned.',
  );
  const summary = ceremonySummary(session, offlineWrap?.checkValue ?? null);
  const rehearsal = session.connection?.target === 'emulator';

  const finish = () => finishCeremony('finish', 'completed', reason.trim());

  return (
    <section aria-labelledby="step-title">
      <StepHeading intro="Check the summary together. Finish closes the transcript for good; the signed record is then made from the closed transcript.">
        Finish
      </StepHeading>
      {rehearsal && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          REHEARSAL: this ceremony ran against the local emulator. Its record says so on every page.
        </Alert>
      )}
      <Facts facts={summary} testId="finish-summary" />
      {session.multiRegion && <RegionResults />}
      <Box sx={{ mt: 3, maxWidth: 640 }}>
        <TextField
          label="Closing note for the transcript"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          fullWidth
          required
          helperText="Written into the transcript with the outcome “completed”."
        />
      </Box>
      <Box sx={{ mt: 2 }}>
        <ActionButton
          label="Finish ceremony"
          disabled={reason.trim().length === 0}
          onClick={() => void finish()}
        />
      </Box>
      <ErrorAlert scope="finish" />
    </section>
  );
}
