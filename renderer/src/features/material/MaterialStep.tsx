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

export function MaterialStep() {
  const key = useUi((s) => s.session.key);
  const material = useUi((s) => s.session.material);
  const station = useUi((s) => s.session.station);
  const verdict = useVerdict('material.generate');
  // Replacing material already held is never silent: confirm, and main records the check value in force.
  const replacing = verdict?.allowed ? verdict.confirm : null;
  const [confirmReplace, setConfirmReplace] = useState(false);
  if (!key) return null;

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
        <AlertTitle>Keep your own copy</AlertTitle>
        AWS cannot export imported key material. If it expires, is deleted, or the key must be restored, only
        the same material can be imported again, so your organisation must keep its own protected copy
        (escrow) before importing.
      </Alert>
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
      </Stack>
      <ErrorAlert scope="material" />
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
