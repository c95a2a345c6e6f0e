/** Step 6: choose the expiration, read the summary together, then "Import key material". */
import { Alert, Box, Paper, Typography } from '@mui/material';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PolicyNote, useVerdict } from '../../components/PolicyNote';
import type { Req } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { Countdown, useNow } from '../../components/Countdown';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { formatCheckValue, formatHash } from '../../../../electron/shared/display/hash-format';
import { StepHeading } from '../../components/StepHeading';
import { useUi } from '../../store';
import { formatInstant } from '../../time';
import { ExpiredOffer } from '../parameters/ExpiredOffer';
import { ExpirationPicker } from './ExpirationPicker';
import { ImportApproval } from './ImportApproval';
import { expirationProblem, presetValidTo, type Expiration } from './expiration';
import { ImportResultFacts } from './ImportResultFacts';
import {
  descriptionProblem,
  NewMaterialFields,
  newMaterialRequest,
  useReplicaOfRotation,
  useRotating,
} from '../rotation/NewMaterialFields';

function request(e: Expiration): Req<'import:run'> {
  return e.model === 'KEY_MATERIAL_EXPIRES'
    ? { expirationModel: e.model, validTo: (e.validTo ?? new Date(NaN)).toISOString() }
    : { expirationModel: e.model, justification: e.justification.trim() };
}

export function ImportStep() {
  const { key, parameters, material, wrapped, imported } = useUi((s) => s.session);
  const now = useNow(30_000);
  const expired = useUi((s) => s.parametersExpired);
  const offlineWrap = useUi((s) => s.offlineWrap);
  const [expiration, setExpiration] = useState<Expiration>(() => ({
    model: 'KEY_MATERIAL_EXPIRES',
    validTo: presetValidTo(90, Date.now()),
  }));
  const verdict = useVerdict('import');
  const [confirmReimport, setConfirmReimport] = useState(false);
  const rotating = useRotating();
  const replicaOfRotation = useReplicaOfRotation();
  const [description, setDescription] = useState('');
  if (!key || !parameters || !wrapped) return null;
  // Wrapped on the offline station: this station has no material, only the bundle's check value.
  const fromOffline = wrapped.fromOfflineStation && !material;
  if (!material && !fromOffline) return null;
  const checkValue = material?.checkValue ?? offlineWrap?.checkValue ?? null;
  const problem = expirationProblem(expiration, now) ?? (rotating ? descriptionProblem(description) : null);
  const importRequest = { ...request(expiration), ...newMaterialRequest(rotating, description) };

  const run = (reimport = false) =>
    runAction(
      {
        scope: 'import',
        action: 'Import key material',
        progress: 'Importing the wrapped key material into KMS (ImportKeyMaterial)…',
        expected: 'Usually a few seconds.',
      },
      (api) => api.importKeyMaterial({ ...importRequest, ...(reimport ? { reimport } : {}) }),
    );
  const confirm = verdict?.allowed ? verdict.confirm : null;

  return (
    <section aria-labelledby="step-title">
      <StepHeading intro="Choose how long KMS may use the material, check the summary with the other officers, then import.">
        Import
      </StepHeading>
      {rotating && <NewMaterialFields description={description} onChange={setDescription} />}
      <ExpirationPicker value={expiration} onChange={setExpiration} now={now} />
      <Paper variant="outlined" component="section" aria-label="Confirmation summary" sx={{ p: 2, mt: 3 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1.5 }}>
          Confirmation summary
        </Typography>
        <Facts
          testId="import-summary"
          facts={[
            { label: 'Key', value: `${key.aliases[0] ?? ''} ${key.keyId}`.trim(), mono: true },
            { label: 'KeySpec / KeyUsage', value: `${key.keySpec} / ${key.keyUsage}` },
            {
              label: 'Import',
              value: rotating
                ? 'new key material for a rotation (NEW_KEY_MATERIAL)'
                : replicaOfRotation
                  ? `the rotation’s new material into the replica in ${replicaOfRotation} (as the replica’s own: KMS takes no NEW_KEY_MATERIAL on replicas)`
                  : key.importability.mode === 'reimport'
                    ? 'reimport (same material only)'
                    : 'first import',
            },
            {
              label: 'Wrapping',
              value: `${parameters.wrappingAlgorithm} / ${parameters.wrappingKeySpec}`,
              mono: true,
            },
            ...(fromOffline
              ? [
                  {
                    label: 'Wrapped on',
                    value: `the offline station${offlineWrap ? ` (${offlineWrap.offlineEvents} offline events merged into the transcript)` : ''}`,
                  },
                ]
              : []),
            {
              label: fromOffline ? 'Offline check value' : 'Check value',
              value: checkValue ? formatCheckValue(checkValue) : 'in the wrapped bundle (see the transcript)',
              mono: true,
            },
            { label: 'EncryptedKeyMaterial', value: formatHash(wrapped.sha256), mono: true },
            {
              label: 'Import token valid for',
              value: <Countdown until={parameters.parametersValidTo} expired={expired} />,
            },
            {
              label: 'Expiration',
              value:
                expiration.model === 'KEY_MATERIAL_EXPIRES'
                  ? problem || !expiration.validTo
                    ? `not set — ${problem ?? 'pick a date and time.'}`
                    : `expires ${formatInstant(expiration.validTo)}`
                  : `does not expire — “${expiration.justification.trim()}”`,
            },
          ]}
        />
      </Paper>
      {problem && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {problem}
        </Alert>
      )}
      <ImportApproval request={importRequest} disabled={problem !== null} />
      <Box sx={{ mt: 2 }}>
        <ActionButton
          label="Import key material"
          disabled={problem !== null || verdict?.allowed === false}
          onClick={() => (confirm ? setConfirmReimport(true) : void run())}
        />
      </Box>
      <PolicyNote action="import" />
      <ConfirmDialog
        open={confirmReimport}
        title="Import again into this key?"
        confirmLabel="Import again"
        onCancel={() => setConfirmReimport(false)}
        onConfirm={() => {
          setConfirmReimport(false);
          void run(true);
        }}
      >
        {confirm?.message} The check value of the material sent now is recorded as the one in force.
      </ConfirmDialog>
      <ErrorAlert scope="import">
        <ExpiredOffer />
      </ErrorAlert>
      {imported && <ImportResultFacts result={imported} />}
    </section>
  );
}
