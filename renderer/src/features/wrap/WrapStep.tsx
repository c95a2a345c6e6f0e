/** Step 5: main wraps the material with KMS's public key; officers see the wrapped size and SHA-256. */
import { Alert, Box, Stack } from '@mui/material';
import { useState } from 'react';
import type { Res } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { Countdown } from '../../components/Countdown';
import { SavedFiles } from '../../components/SavedFiles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { Fingerprint } from '../../components/Fingerprint';
import { PolicyNote, useVerdict } from '../../components/PolicyNote';
import { formatCheckValue, formatHash } from '../../../../electron/shared/display/hash-format';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { ExpiredOffer } from '../parameters/ExpiredOffer';

type Saved = Exclude<Res<'wrap:save'>, { cancelled: true }>;

export function WrapStep() {
  const { parameters, material, wrapped } = useUi((s) => s.session);
  const [saved, setSaved] = useState<Saved | null>(null);
  const expired = useUi((s) => s.parametersExpired);
  // The offline station has no import token: its output is the wrapped bundle (next step).
  const online = useUi((s) => s.session.station !== 'offline');
  const verdict = useVerdict('wrap');
  if (!parameters) return null;
  if (!material)
    return wrapped?.fromOfflineStation ? (
      <section aria-labelledby="step-title">
        <StepHeading>Wrap</StepHeading>
        <Alert severity="info" data-testid="wrapped-offline">
          Wrapped on the offline station: this station never held the key material. EncryptedKeyMaterial
          <code>{formatHash(wrapped.sha256)}</code>.
        </Alert>
      </section>
    ) : null;

  const wrap = () =>
    runAction(
      {
        scope: 'wrap',
        action: 'Wrap key material',
        progress: `Wrapping with ${parameters.wrappingAlgorithm}…`,
      },
      (api) => api.wrapKeyMaterial({}),
    ).then(() => setSaved(null));
  const save = () =>
    runAction(
      {
        scope: 'wrap',
        action: 'Save import files…',
        progress: 'Waiting for a folder, then writing the files…',
      },
      (api) => api.saveImportFiles({}),
      { refresh: false },
    ).then((r) => r && !('cancelled' in r) && setSaved(r));

  return (
    <section aria-labelledby="step-title">
      <StepHeading intro="The key material is encrypted to KMS's wrapping public key, inside the main process. Only KMS can unwrap it.">
        Wrap
      </StepHeading>
      <Facts
        facts={[
          { label: 'Wrapping algorithm', value: parameters.wrappingAlgorithm, mono: true },
          { label: 'Wrapping key spec', value: parameters.wrappingKeySpec, mono: true },
          { label: 'Wrapping public key', value: formatHash(parameters.publicKey.sha256), mono: true },
          {
            label: 'Import parameters valid for',
            value: <Countdown until={parameters.parametersValidTo} expired={expired} />,
          },
          {
            label: 'Material check value',
            value: formatCheckValue(material.checkValue),
            mono: true,
          },
        ]}
      />
      <Box sx={{ mt: 3 }}>
        <ActionButton
          label="Wrap key material"
          disabled={verdict?.allowed === false}
          onClick={() => void wrap()}
        />
      </Box>
      <PolicyNote action="wrap" />
      <ErrorAlert scope="wrap">
        <ExpiredOffer />
      </ErrorAlert>
      {wrapped && (
        <Stack spacing={2} sx={{ mt: 3 }} component="section" aria-label="Wrapped key material">
          <Facts
            testId="wrapped-facts"
            facts={[
              { label: 'Wrapped size', value: `${wrapped.size} bytes` },
              { label: 'Wrapped with', value: `${wrapped.wrappingAlgorithm} / ${wrapped.wrappingKeySpec}` },
            ]}
          />
          <Fingerprint label="EncryptedKeyMaterial" sha256={wrapped.sha256} testId="wrapped-sha256" />
          <Box>
            {online && (
              <ActionButton label="Save import files…" variant="outlined" onClick={() => void save()} />
            )}
          </Box>
          {saved && <SavedFiles saved={saved} testId="saved-files" />}
        </Stack>
      )}
    </section>
  );
}
