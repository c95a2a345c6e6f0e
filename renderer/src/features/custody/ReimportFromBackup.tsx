/**
 * "Reimport from backup" on the Key step (issue 11): opens share entry for this key in main and the
 * custodian entry window. The check value on the key's record is optional; when typed, main refuses any
 * share of other material at once.
 */
import { Stack, TextField } from '@mui/material';
import { useRef } from 'react';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { useUi } from '../../store';

export function ReimportFromBackup() {
  const goTo = useUi((s) => s.goTo);
  const material = useUi((s) => s.session.material);
  const checkValue = useRef<HTMLInputElement>(null);
  const start = async () => {
    const typed = checkValue.current?.value.trim() || null;
    const r = await runAction(
      {
        scope: 'key-actions',
        action: 'Reimport from backup',
        progress: 'Opening the custodian entry window…',
      },
      async (api) => {
        const begun = await api.beginRestoreFromBackup({
          checkValue: typed,
          ...(material ? { replace: true } : {}),
        });
        if (begun.ok) await api.openCustodyEntry({});
        return begun;
      },
    );
    if (r) goTo('parameters');
  };
  return (
    <Stack
      direction={{ xs: 'column', sm: 'row' }}
      spacing={1.5}
      sx={{ mt: 1.5, alignItems: { sm: 'center' } }}
    >
      <TextField
        size="small"
        label="Check value on the key’s record (optional)"
        inputRef={checkValue}
        autoComplete="off"
        sx={{ minWidth: 300 }}
      />
      <ActionButton label="Reimport from backup" variant="outlined" onClick={() => void start()} />
    </Stack>
  );
}
