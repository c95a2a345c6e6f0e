/**
 * "Load key material…": main opens the file dialog and reads the file. The passphrase (PKCS#12,
 * encrypted PEM) is typed into an uncontrolled field: read from a ref once, sent once, then cleared.
 * It never enters React state or the store.
 */
import { MenuItem, Stack, TextField } from '@mui/material';
import { useRef, useState } from 'react';
import type { Req } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useVerdict } from '../../components/PolicyNote';

type Format = Req<'material:load'>['format'];
const FORMATS: { value: Format; label: string }[] = [
  { value: 'auto', label: 'Detect automatically' },
  { value: 'raw', label: 'Raw binary' },
  { value: 'hex', label: 'Hex text' },
  { value: 'base64', label: 'Base64 text' },
  { value: 'pem', label: 'PEM (PKCS#8, encrypted PKCS#8)' },
  { value: 'der', label: 'DER (PKCS#8)' },
  { value: 'p12', label: 'PKCS#12 (.p12, .pfx)' },
];

export function LoadMaterial() {
  const [format, setFormat] = useState<Format>('auto');
  const passphraseRef = useRef<HTMLInputElement>(null);
  const verdict = useVerdict('material.load');
  const replacing = verdict?.allowed ? verdict.confirm : null;
  const [confirmReplace, setConfirmReplace] = useState(false);

  const load = async (replace = false) => {
    const field = passphraseRef.current;
    const passphrase = field?.value ? field.value : null;
    if (field) field.value = '';
    await runAction(
      { scope: 'material', action: 'Load key material…', progress: 'Waiting for the file, then reading it…' },
      (api) => api.loadKeyMaterial({ format, passphrase, ...(replace ? { replace } : {}) }),
    );
  };

  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'flex-start' } }}>
      <TextField
        select
        size="small"
        label="Format"
        value={format}
        onChange={(e) => setFormat(e.target.value as Format)}
        sx={{ minWidth: 240 }}
      >
        {FORMATS.map((f) => (
          <MenuItem key={f.value} value={f.value}>
            {f.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        type="password"
        label="Passphrase"
        inputRef={passphraseRef}
        autoComplete="off"
        helperText="Only for PKCS#12 or encrypted PEM. Sent once, then cleared."
        slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'passphrase' } }}
      />
      <ActionButton
        label="Load key material…"
        variant="outlined"
        onClick={() => (replacing ? setConfirmReplace(true) : void load())}
      />
      <ConfirmDialog
        open={confirmReplace}
        title="Replace the key material?"
        confirmLabel="Replace with a file…"
        onCancel={() => setConfirmReplace(false)}
        onConfirm={() => {
          setConfirmReplace(false);
          void load(true);
        }}
      >
        {replacing?.message} The loaded material’s check value is recorded as the one in force.
      </ConfirmDialog>
    </Stack>
  );
}
