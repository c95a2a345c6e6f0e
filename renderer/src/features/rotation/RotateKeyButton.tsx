/**
 * "Rotate to new key material" on the Key step (issue 13). Main answers whether the key can rotate now
 * (rotation:check, read-only: the refusals of core/ceremony/rotation/refusals.ts); a refusal disables the
 * button and is shown in words beside it. Beginning the rotation is main's decision too (rotation:begin
 * checks again); the wizard then walks through Parameters, Key material, Wrap and Import for the NEW material.
 */
import { Alert, Box, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { KeyDescription, Res } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { call, ceremonyApi, CallError } from '../../api';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useUi } from '../../store';

type Check = Res<'rotation:check'>;

export function RotateKeyButton({ keyDescription: k }: { keyDescription: KeyDescription }) {
  const rotation = useUi((s) => s.session.rotation);
  const goTo = useUi((s) => s.goTo);
  const [check, setCheck] = useState<Check | null>(null);
  const begun = rotation !== null && rotation.begunAt !== null && rotation.started === null;
  // A multi-Region rotation whose material is staged continues in step Rotate (its Regions table).
  const staged = useUi(
    (s) => s.session.multiRegion !== null && s.session.rotation?.stagedKeyMaterialId != null,
  );
  const continues = check?.allowed === true ? (check.continuesKeyMaterialId ?? null) : null;
  const startedAt = rotation?.started?.at ?? null;
  const completedAt = rotation?.completedAt ?? null;

  useEffect(() => {
    let live = true;
    call(ceremonyApi().checkRotation({}))
      .then((r) => live && setCheck(r))
      .catch(
        (e: unknown) =>
          live &&
          setCheck({
            allowed: false,
            code: e instanceof CallError ? e.error.code : 'APP',
            message: e instanceof CallError ? e.error.message : String(e),
            hint: e instanceof CallError ? e.error.hint : '',
          }),
      );
    return () => {
      live = false;
    };
  }, [k.arn, k.keyState, k.currentKeyMaterialId, startedAt, completedAt]);

  const begin = async () => {
    const r = await runAction(
      {
        scope: 'rotation-begin',
        action: 'Rotate to new key material',
        progress: 'Checking the key’s materials and beginning the rotation…',
      },
      (api) => api.beginRotation({}),
    );
    if (r) goTo(r.stagedKeyMaterialId ? 'rotate' : 'parameters');
  };

  return (
    <Box component="section" aria-labelledby="rotation-title" sx={{ mt: 3 }} data-testid="rotation-start">
      <Typography variant="subtitle2" component="h4" id="rotation-title" sx={{ mb: 1 }}>
        Rotation
      </Typography>
      {begun ? (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Typography variant="body2">
            This ceremony rotates this key away from material{' '}
            <Box component="span" sx={{ fontFamily: 'var(--mono)' }}>
              {rotation.fromKeyMaterialId}
            </Box>
            : make, wrap and import the new material, then rotate.
          </Typography>
          <ActionButton
            label="Continue the rotation"
            variant="outlined"
            onClick={() => goTo(staged ? 'rotate' : 'parameters')}
          />
        </Stack>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, maxWidth: 760 }}>
            Import new material as NEW_KEY_MATERIAL, have the witnesses approve RotateKeyOnDemand, and prove
            that KMS then encrypts with the new material while older data still decrypts.
          </Typography>
          {continues && (
            <Alert severity="warning" sx={{ mb: 1.5 }} data-testid="rotation-interrupted">
              An interrupted multi-Region rotation left material {continues} on the primary, not yet in every
              replica. Continue it: in each remaining replica Region, load that same material (its file or
              backup), wrap and import it; then the primary rotates.
            </Alert>
          )}
          <ActionButton
            label={continues ? 'Continue the interrupted rotation' : 'Rotate to new key material'}
            variant="outlined"
            disabled={check?.allowed !== true}
            aria-describedby={check && !check.allowed ? 'rotation-refusal' : undefined}
            onClick={() => void begin()}
          />
          {check && !check.allowed && (
            <Alert
              severity="info"
              role="note"
              sx={{ mt: 1.5 }}
              id="rotation-refusal"
              data-testid="rotation-refusal"
            >
              {check.message} {check.hint}
            </Alert>
          )}
        </>
      )}
      <ErrorAlert scope="rotation-begin" />
    </Box>
  );
}
