/** Step 4: generate or load the material (in main); the renderer sees only its length and check values. */
import { Alert, AlertTitle, Box, Divider, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useVerdict } from '../../components/PolicyNote';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { LoadMaterial } from './LoadMaterial';
import { LoadWrappedBundle } from './LoadWrappedBundle';
import { MaterialFacts } from './MaterialFacts';
import { BackupPanel } from '../custody/BackupPanel';
import { ComponentsPanel } from '../custody/ComponentsPanel';
import { RestorePanel } from '../custody/RestorePanel';
import { useCustodyPolling } from '../custody/useCustodyPolling';

export function MaterialStep() {
  const key = useUi((s) => s.session.key);
  const material = useUi((s) => s.session.material);
  const station = useUi((s) => s.session.station);
  const verdict = useVerdict('material.generate');
  // Replacing material already held is never silent: confirm, and main records the check value in force.
  const replacing = verdict?.allowed ? verdict.confirm : null;
  const [confirmReplace, setConfirmReplace] = useState(false);
  useCustodyPolling();
  if (!key) return null;
  const splittable = key.keySpec === 'SYMMETRIC_DEFAULT' || (key.keySpec ?? '').startsWith('HMAC_');

  const generate = (replace = false) =>
    runAction(
      {
        scope: 'material',
        action: 'Generate key material',
        progress: `Generating ${key.keySpec} key material in the main process…`,
        expected: generationTime(key.keySpec ?? ''),
      },
      (api) => api.generateKeyMaterial(replace ? { replace } : {}),
    );
  const clear = () =>
    runAction(
      { scope: 'material', action: 'Clear key material', progress: 'Wiping the key material from memory…' },
      (api) => api.clearKeyMaterial({}),
    );

  return (
    <section aria-labelledby="step-title">
      <StepHeading
        intro={`The ${key.keySpec} key material is created or read by the main process and never shown here: you see its length and check values.`}
      >
        Key material
      </StepHeading>
      <Alert severity="warning" sx={{ mb: 3 }}>
        <AlertTitle>Keep a backup before you import</AlertTitle>
        AWS cannot export imported key material. If it expires, is deleted, or the key must be restored, only
        the same material can be imported again: once the material is here, back it up below as M-of-N shares
        to its custodians.
      </Alert>
      <RestorePanel />
      <Stack spacing={2}>
        <Box>
          <ActionButton
            label="Generate key material"
            onClick={() => (replacing ? setConfirmReplace(true) : void generate())}
          />
          <ConfirmDialog
            open={confirmReplace}
            title="Replace the key material?"
            confirmLabel="Replace key material"
            onCancel={() => setConfirmReplace(false)}
            onConfirm={() => {
              setConfirmReplace(false);
              void generate(true);
            }}
          >
            {replacing?.message} The new material’s check value is recorded as the one in force.
          </ConfirmDialog>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            Generated from the operating system’s CSPRNG, in memory only.
          </Typography>
        </Box>
        <Divider flexItem>or</Divider>
        <LoadMaterial />
        {splittable && (
          <>
            <Divider flexItem>or</Divider>
            <ComponentsPanel />
          </>
        )}
      </Stack>
      <ErrorAlert scope="material" />
      <ErrorAlert scope="custody" />
      {station === 'online' && !material && (
        <>
          <Divider sx={{ my: 3 }} />
          <LoadWrappedBundle />
        </>
      )}
      {material && (
        <>
          <MaterialFacts material={material} />
          <ActionButton
            label="Clear key material"
            variant="text"
            color="inherit"
            onClick={() => void clear()}
          />
          <BackupPanel />
          <ErrorAlert scope="backup" />
        </>
      )}
    </section>
  );
}

/** How long generation usually takes: RSA key pairs are slow (finding primes), everything else instant. */
export function generationTime(keySpec: string): string {
  if (keySpec === 'RSA_4096')
    return 'RSA-4096 generation usually takes 5–60 seconds; it is finding two large primes.';
  if (keySpec.startsWith('RSA_')) return 'RSA generation usually takes 1–15 seconds.';
  return 'Usually under a second.';
}
