/**
 * Offline station, step 1: what was loaded from the online station — key, wrapping choice, validity
 * (refused once past), the fingerprint to confirm aloud, and every fix made to files that were copied badly.
 */
import { Alert, Box, Stack, Typography } from '@mui/material';
import { runAction } from '../../actions';
import { Countdown, useCountdownState } from '../../components/Countdown';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { Fingerprint } from '../../components/Fingerprint';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { formatInstant } from '../../time';
import { ConfirmFingerprint } from '../fingerprint/ConfirmFingerprint';
import { FixesTable } from './FixesTable';
import { OtherRegionsParameters } from './OtherRegionsParameters';
import { ParametersSource } from './ParametersSource';

export function OfflineParametersStep() {
  const { key, parameters: p, parametersSource: loaded } = useUi((s) => s.session);
  const state = useCountdownState(p?.parametersValidTo ?? new Date(0).toISOString());
  const loadOther = (
    from: 'file' | 'folder',
    label: string,
    details: { keySpec: string; wrappingAlgorithm: string } | null,
  ) =>
    runAction(
      { scope: 'offline-parameters', action: label, progress: 'Reading and checking the parameters…' },
      (api) =>
        api.loadParametersBundle({
          from,
          keySpec: details?.keySpec ?? null,
          wrappingAlgorithm: details?.wrappingAlgorithm ?? null,
        }),
    );

  const source = (labels: { file: string; folder: string }) => (
    <ParametersSource scope="offline-parameters" labels={labels} run={loadOther} />
  );
  if (!key || !p)
    return (
      <section aria-labelledby="step-title">
        <StepHeading intro="This ceremony has no import parameters loaded on this station (for example after resuming it). Load the parameters bundle the online station wrote for it.">
          Parameters
        </StepHeading>
        {source({ file: 'Choose parameters file…', folder: 'Choose parameters folder…' })}
        <ErrorAlert scope="offline-parameters" />
      </section>
    );

  return (
    <section aria-labelledby="step-title">
      <StepHeading intro="Loaded from the removable media. This station never talks to KMS: check these facts against the online station before wrapping.">
        Parameters
      </StepHeading>
      <Stack spacing={2.5}>
        <Facts
          testId="loaded-parameters"
          facts={[
            { label: 'Key ARN', value: key.arn, mono: true },
            { label: 'Key spec', value: key.keySpec, mono: true },
            { label: 'Wrapping algorithm', value: p.wrappingAlgorithm, mono: true },
            { label: 'Wrapping key spec', value: p.wrappingKeySpec, mono: true },
            { label: 'ParametersValidTo', value: formatInstant(p.parametersValidTo) },
            { label: 'Time left (this station’s clock)', value: <Countdown until={p.parametersValidTo} /> },
            { label: 'Read from', value: loaded?.source ?? '—' },
          ]}
        />
        {state === 'expired' && (
          <Alert severity="error" role="alert" data-testid="parameters-expired">
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              These import parameters have expired.
            </Typography>
            KMS would refuse the import token, so this station will not wrap for them. Get new import
            parameters on the online station and bring the new bundle here.
          </Alert>
        )}
        {state === 'warn' && (
          <Alert severity="warning">
            Less than one hour left: the online station must import before then.
          </Alert>
        )}
        <Fingerprint
          label="Wrapping public key fingerprint"
          sha256={p.publicKey.sha256}
          words={p.publicKey.words}
          testId="public-key-fingerprint"
        />
        <ConfirmFingerprint />
        <OtherRegionsParameters />
        {loaded && loaded.warnings.length > 0 && (
          <Alert severity="warning" data-testid="parameters-warnings">
            {loaded.warnings.map((w) => (
              <Box key={w}>{w}</Box>
            ))}
          </Alert>
        )}
        {loaded && <FixesTable fixes={loaded.fixes} />}
        <Box>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            Wrong parameters, or new ones from the online station?
          </Typography>
          {source({ file: 'Load other parameters…', folder: 'Load other parameters (folder)…' })}
        </Box>
        <ErrorAlert scope="offline-parameters" />
      </Stack>
    </section>
  );
}
