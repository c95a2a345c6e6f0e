/** Step 1: rehearse against the embedded emulator, or connect to AWS; then show who and where we are. */
import {
  Alert,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  Typography,
  FormLabel,
  FormControl,
} from '@mui/material';
import { Suspense, lazy, useState } from 'react';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import type { AwsTarget } from './AwsFields';
import { ConnectionFacts } from './ConnectionFacts';

// Profile and Region fields (and MUI's Select) load only if the officers choose AWS.
const AwsFields = lazy(() => import('./AwsFields').then((m) => ({ default: m.AwsFields })));

export function ConnectStep() {
  const connection = useUi((s) => s.session.connection);
  // A key chosen in the expiry planner presets where to connect (its target, profile and Region).
  const preset = useUi((s) => s.reimportKey);
  const [target, setTarget] = useState<'emulator' | 'aws'>(preset?.target ?? 'emulator');
  const [aws, setAws] = useState<AwsTarget>(
    preset?.target === 'aws'
      ? { profile: preset.profile, region: preset.region }
      : { profile: null, region: '' },
  );
  const emulatorRegion = preset?.target === 'emulator' ? preset.region : null;

  const connect = () =>
    runAction({ scope: 'connect', action: 'Connect', progress: 'Connecting and asking who we are…' }, (api) =>
      api.connect(
        target === 'emulator'
          ? { target: 'emulator', ...(emulatorRegion ? { region: emulatorRegion } : {}) }
          : { target: 'aws', profile: aws.profile, region: aws.region.trim() },
      ),
    );
  const disconnect = () =>
    runAction({ scope: 'connect', action: 'Disconnect', progress: 'Disconnecting…' }, (api) =>
      api.disconnect({}),
    );

  return (
    <section aria-labelledby="step-title">
      <StepHeading intro="Choose where the key lives. Rehearse the whole ceremony on the local emulator first; nothing there touches AWS.">
        Connect
      </StepHeading>
      <FormControl component="fieldset" sx={{ mb: 2 }}>
        <FormLabel component="legend" id="connect-target-label">
          Where to connect
        </FormLabel>
        <RadioGroup
          aria-labelledby="connect-target-label"
          value={target}
          onChange={(e) => setTarget(e.target.value as 'emulator' | 'aws')}
          name="connect-target"
        >
          <FormControlLabel value="emulator" control={<Radio />} label="Use local emulator" />
          <Typography variant="body2" color="text.secondary" sx={{ ml: 4, mt: -0.75, mb: 1 }}>
            Rehearsal: an embedded KMS emulator on this machine. Keys made here are not in AWS.
          </Typography>
          <FormControlLabel value="aws" control={<Radio />} label="Connect to AWS" />
        </RadioGroup>
      </FormControl>
      {target === 'emulator' && emulatorRegion && (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="emulator-region">
          Region {emulatorRegion}, where {preset?.label} was listed in the expiry planner.
        </Typography>
      )}
      {target === 'aws' && (
        <Suspense fallback={null}>
          <AwsFields value={aws} onChange={setAws} />
        </Suspense>
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
        <ActionButton label="Connect" onClick={() => void connect()} />
        {connection && (
          <ActionButton label="Disconnect" variant="outlined" onClick={() => void disconnect()} />
        )}
      </Stack>
      <ErrorAlert scope="connect" />
      {connection && (
        <>
          <Alert severity={connection.target === 'aws' ? 'warning' : 'info'} sx={{ mt: 3, mb: 2 }}>
            Confirm with the other officers that this is the intended account and principal before going on.
          </Alert>
          <ConnectionFacts connection={connection} />
        </>
      )}
    </section>
  );
}
