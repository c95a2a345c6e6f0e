/** Key actions outside the flow: enable/disable, delete imported key material, reimport. */
import { Stack, Typography } from '@mui/material';
import type { KeyDescription } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useUi } from '../../store';
import { ReimportFromBackup } from '../custody/ReimportFromBackup';
import { RotateKeyButton } from '../rotation/RotateKeyButton';

const HAS_MATERIAL = new Set(['Enabled', 'Disabled']);

export function KeyActions({ keyDescription: k }: { keyDescription: KeyDescription }) {
  const goTo = useUi((s) => s.goTo);
  if (k.origin !== 'EXTERNAL') return null;
  const hasMaterial = HAS_MATERIAL.has(k.keyState ?? '');

  const setEnabled = (enabled: boolean) =>
    runAction(
      {
        scope: 'key-actions',
        action: enabled ? 'Enable key' : 'Disable key',
        progress: enabled ? 'Enabling the key…' : 'Disabling the key…',
      },
      (api) => api.setKeyEnabled({ keyId: k.keyId, enabled }),
    );
  // Main asks the officers itself, in a native dialog naming the key ARN and aliases: the renderer only asks.
  const deleteMaterial = () =>
    runAction(
      {
        scope: 'key-actions',
        action: 'Delete imported key material',
        progress: 'Confirm in the dialog, then deleting the imported key material…',
      },
      (api) => api.deleteImportedKeyMaterial({ keyId: k.keyId }),
    );

  return (
    <>
      <Typography variant="subtitle2" component="h4" sx={{ mt: 3, mb: 1 }}>
        Key actions
      </Typography>
      <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
        {k.keyState === 'Enabled' && (
          <ActionButton label="Disable key" variant="outlined" onClick={() => void setEnabled(false)} />
        )}
        {k.keyState === 'Disabled' && (
          <ActionButton label="Enable key" variant="outlined" onClick={() => void setEnabled(true)} />
        )}
        {hasMaterial && (
          <ActionButton label="Reimport key material" variant="outlined" onClick={() => goTo('parameters')} />
        )}
        {hasMaterial && (
          <ActionButton
            label="Delete imported key material"
            variant="outlined"
            color="error"
            onClick={() => void deleteMaterial()}
          />
        )}
      </Stack>
      {k.importability.mode !== 'none' && <ReimportFromBackup />}
      {hasMaterial && <RotateKeyButton keyDescription={k} />}
      <ErrorAlert scope="key-actions" />
    </>
  );
}
