/** The fetched parameters: the public key's fingerprint to read aloud, and how long they stay valid. */
import { Alert, Box, Stack, Typography } from '@mui/material';
import type { ImportParameters } from '../../../../electron/shared/ipc-contract';
import { Countdown, useCountdownState } from '../../components/Countdown';
import { Facts } from '../../components/Facts';
import { Fingerprint } from '../../components/Fingerprint';
import { formatHash } from '../../../../electron/shared/display/hash-format';
import { formatInstant } from '../../time';
import { useUi } from '../../store';
import { ConfirmFingerprint } from '../fingerprint/ConfirmFingerprint';
import { GetParametersButton } from './GetParametersButton';
import { SaveParametersBundle } from './SaveParametersBundle';

export function ParametersPanel({ parameters: p }: { parameters: ImportParameters }) {
  const expiredByMain = useUi((s) => s.parametersExpired);
  // Only the Countdown chip ticks each second; this panel (fingerprint grid, forms) re-renders on a change of state.
  const state = useCountdownState(p.parametersValidTo, expiredByMain);
  return (
    <Box component="section" aria-label="Import parameters" sx={{ mt: 3 }}>
      <Stack spacing={2}>
        <Fingerprint
          label="Wrapping public key fingerprint"
          sha256={p.publicKey.sha256}
          words={p.publicKey.words}
          testId="public-key-fingerprint"
        />
        <Facts
          testId="parameters-facts"
          facts={[
            { label: 'Wrapping algorithm', value: p.wrappingAlgorithm, mono: true },
            { label: 'Wrapping key spec', value: p.wrappingKeySpec, mono: true },
            { label: 'Import token', value: formatHash(p.importTokenSha256), mono: true },
            { label: 'ParametersValidTo', value: formatInstant(p.parametersValidTo) },
            { label: 'Time left', value: <Countdown until={p.parametersValidTo} expired={expiredByMain} /> },
          ]}
        />
        {state === 'warn' && (
          <Alert severity="warning">
            Less than one hour left. Wrap and import now, or get new import parameters.
          </Alert>
        )}
        {state === 'expired' && (
          <Alert
            severity="error"
            role="alert"
            data-testid="parameters-expired"
            action={
              <GetParametersButton
                label="Get new import parameters"
                algorithm={p.wrappingAlgorithm}
                spec={p.wrappingKeySpec}
              />
            }
          >
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              These import parameters have expired.
            </Typography>
            KMS will refuse the import token. Get new import parameters and wrap the key material again.
          </Alert>
        )}
        {state !== 'expired' && <ConfirmFingerprint />}
        {state !== 'expired' && <SaveParametersBundle />}
      </Stack>
    </Box>
  );
}
