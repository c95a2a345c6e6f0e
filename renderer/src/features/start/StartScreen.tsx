/**
 * Before the stepper: which station this is, who operates and who witnesses, then "Start ceremony".
 * The offline station starts from the import parameters brought from the online station. Interrupted
 * ceremonies can be resumed or marked aborted; auditors find their tools here too.
 */
import {
  Alert,
  Button,
  Divider,
  FormControl,
  FormControlLabel,
  FormLabel,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { Req } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StepHeading } from '../../components/StepHeading';
import { ParametersSource } from '../offline/ParametersSource';
import { AuditorTools } from './AuditorTools';
import { useUi } from '../../store';
import { ClosedList } from './ClosedList';
import { ExpiryPlanner } from './ExpiryPlanner';
import { InterruptedList } from './InterruptedList';
import { WitnessFields } from './WitnessFields';

type Station = 'online' | 'offline';

const STATIONS: { value: Station; label: string; detail: string }[] = [
  {
    value: 'online',
    label: 'Online station (connects to KMS)',
    detail: 'Creates the key, gets import parameters, imports and verifies.',
  },
  {
    value: 'offline',
    label: 'Offline — air-gapped (never connects)',
    detail:
      'Starts from a parameters bundle, generates or loads the material, wraps it, writes the wrapped bundle.',
  },
];

export function startCeremony(label: string, req: Req<'ceremony:start'>) {
  return runAction(
    {
      scope: 'start',
      action: label,
      progress:
        req.parameters !== null
          ? 'Waiting for the parameters, then opening the transcript…'
          : 'Opening the ceremony transcript…',
    },
    (api) => api.startCeremony(req),
  );
}

export function StartScreen() {
  const [station, setStation] = useState<Station>('online');
  const [operator, setOperator] = useState('');
  const [witnesses, setWitnesses] = useState<string[]>(['']);
  const names = witnesses.map((w) => w.trim()).filter(Boolean);
  const ready = operator.trim() !== '' && names.length > 0;
  const base = { station, operator: operator.trim(), witnesses: names, resumeCeremonyId: null };
  const reimportKey = useUi((s) => s.reimportKey);

  return (
    <Stack spacing={3}>
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 4 } }} data-testid="start-screen">
        <section aria-labelledby="step-title">
          <StepHeading intro="Every action from here on is written to a signed, hash-chained transcript with these names.">
            Start a ceremony
          </StepHeading>
          <Stack spacing={3} sx={{ maxWidth: 760 }}>
            {reimportKey && (
              <Alert
                severity="info"
                data-testid="reimport-key-chosen"
                action={
                  <Button
                    color="inherit"
                    size="small"
                    onClick={() => {
                      useUi.getState().setReimportKey(null);
                      useUi.getState().setIntent('import');
                    }}
                  >
                    Cancel
                  </Button>
                }
              >
                Reimport from backup for <strong>{reimportKey.label}</strong> ({reimportKey.region}), chosen
                in the expiry planner: enter the operator and witnesses, then “Reimport key material from
                backup”.
              </Alert>
            )}
            <FormControl>
              <FormLabel id="station-label" sx={{ mb: 1 }}>
                This station
              </FormLabel>
              <RadioGroup
                aria-labelledby="station-label"
                value={station}
                onChange={(e) => setStation(e.target.value as Station)}
              >
                {STATIONS.map((s) => (
                  <FormControlLabel
                    key={s.value}
                    value={s.value}
                    control={<Radio />}
                    label={
                      <>
                        <Typography component="span">{s.label}</Typography>
                        <Typography
                          variant="body2"
                          color="text.secondary"
                          component="span"
                          sx={{ display: 'block' }}
                        >
                          {s.detail}
                        </Typography>
                      </>
                    }
                    sx={{ alignItems: 'flex-start', mb: 1, '& .MuiRadio-root': { pt: 0.5 } }}
                  />
                ))}
              </RadioGroup>
            </FormControl>
            <TextField
              id="start-operator"
              label="Operator"
              size="small"
              value={operator}
              onChange={(e) => setOperator(e.target.value)}
              sx={{ width: 320 }}
            />
            <WitnessFields value={witnesses} onChange={setWitnesses} />
            {station === 'online' ? (
              <Stack direction="row" spacing={1.5} sx={{ alignSelf: 'flex-start' }}>
                <ActionButton
                  label="Start ceremony"
                  disabled={!ready}
                  onClick={() => {
                    useUi.getState().setIntent('import');
                    useUi.getState().setReimportKey(null);
                    void startCeremony('Start ceremony', { ...base, parameters: null });
                  }}
                />
                <ActionButton
                  label="Reimport key material from backup"
                  variant="outlined"
                  disabled={!ready}
                  onClick={() => {
                    useUi.getState().setIntent('reimport-from-backup');
                    void startCeremony('Reimport key material from backup', { ...base, parameters: null });
                  }}
                />
              </Stack>
            ) : (
              <Stack spacing={1}>
                <Typography variant="body2">
                  Start ceremony from the import parameters brought from the online station (parameters
                  bundle, AWS console download or CLI JSON):
                </Typography>
                <ParametersSource
                  scope="start"
                  disabled={!ready}
                  labels={{ file: 'Choose parameters file…', folder: 'Choose parameters folder…' }}
                  run={(from, label, details) =>
                    startCeremony(label, {
                      ...base,
                      parameters: {
                        from,
                        keySpec: details?.keySpec ?? null,
                        wrappingAlgorithm: details?.wrappingAlgorithm ?? null,
                      },
                    })
                  }
                />
              </Stack>
            )}
          </Stack>
          <ErrorAlert scope="start" />
        </section>
      </Paper>
      <InterruptedList />
      <ClosedList />
      <Divider />
      <AuditorTools />
      <ExpiryPlanner />
    </Stack>
  );
}
