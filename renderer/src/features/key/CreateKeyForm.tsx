/** "Create key" with Origin EXTERNAL: every importable key spec, only the key usages valid for it. */
import {
  Checkbox,
  FormControlLabel,
  InputAdornment,
  ListItemText,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import type { KeySpecOption } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { useVerdict } from '../../components/PolicyNote';
import { ReasonDialog } from '../../components/ReasonDialog';

export function CreateKeyForm() {
  const [specs, setSpecs] = useState<KeySpecOption[]>([]);
  const [keySpec, setKeySpec] = useState('SYMMETRIC_DEFAULT');
  const [keyUsage, setKeyUsage] = useState('ENCRYPT_DECRYPT');
  const [description, setDescription] = useState('');
  const [alias, setAlias] = useState('');
  const [multiRegion, setMultiRegion] = useState(false);
  const [understood, setUnderstood] = useState(false);
  // A second key in one ceremony is never made silently: "Create another key" asks for the reason.
  const verdict = useVerdict('key.create');
  const another = verdict?.allowed ? verdict.confirm : null;
  const [askReason, setAskReason] = useState(false);

  useEffect(() => {
    void runAction(
      { scope: 'key', action: 'specs', progress: 'Reading the key specs KMS can import…' },
      (api) => api.keySpecOptions({}),
      { refresh: false },
    ).then((r) => r && setSpecs(r.keySpecs));
  }, []);

  const usages = specs.find((s) => s.keySpec === keySpec)?.keyUsages ?? [];
  const pickSpec = (spec: string) => {
    setKeySpec(spec);
    const valid = specs.find((s) => s.keySpec === spec)?.keyUsages ?? [];
    if (!valid.includes(keyUsage)) setKeyUsage(valid[0] ?? '');
  };
  const aliasName = alias.trim().replace(/^alias\//, '');
  const aliasValid = aliasName === '' || /^[a-zA-Z0-9/_-]{1,250}$/.test(aliasName);

  const label = another ? 'Create another key' : 'Create key';
  const create = (reason?: string) =>
    runAction({ scope: 'key', action: label, progress: 'Creating the key with Origin EXTERNAL…' }, (api) =>
      api.createKey({
        keySpec,
        keyUsage,
        description: description.trim(),
        alias: aliasName ? `alias/${aliasName}` : null,
        multiRegion,
        ...(reason ? { another: { reason } } : {}),
      }),
    );

  return (
    <Stack spacing={2} sx={{ maxWidth: 560 }}>
      <Typography variant="body2" color="text.secondary">
        Origin: <strong>EXTERNAL</strong> (Import key material). The key stays in state PendingImport until
        the material is imported.
      </Typography>
      <TextField
        select
        label="Key spec"
        value={specs.length ? keySpec : ''}
        onChange={(e) => pickSpec(e.target.value)}
      >
        {specs.map((s) => (
          <MenuItem key={s.keySpec} value={s.keySpec} disabled={!s.importable}>
            <ListItemText primary={s.keySpec} secondary={s.importable ? null : s.reason} />
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="Key usage"
        value={usages.includes(keyUsage) ? keyUsage : ''}
        onChange={(e) => setKeyUsage(e.target.value)}
        helperText={`Only the usages KMS allows for ${keySpec}.`}
      >
        {usages.map((u) => (
          <MenuItem key={u} value={u}>
            {u}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        multiline
        minRows={2}
      />
      <TextField
        label="Alias"
        value={aliasName}
        onChange={(e) => setAlias(e.target.value)}
        error={!aliasValid}
        helperText={
          aliasValid ? 'Optional. Letters, digits, / _ and -.' : 'Use only letters, digits, / _ and -.'
        }
        slotProps={{ input: { startAdornment: <InputAdornment position="start">alias/</InputAdornment> } }}
      />
      <FormControlLabel
        control={<Switch checked={multiRegion} onChange={(e) => setMultiRegion(e.target.checked)} />}
        label="Multi-Region"
      />
      <FormControlLabel
        control={<Checkbox checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />}
        label="I understand the security, availability and durability implications of using an imported key"
      />
      <div>
        <ActionButton
          label={label}
          disabled={!understood || !aliasValid || !usages.includes(keyUsage)}
          onClick={() => (another ? setAskReason(true) : void create())}
        />
      </div>
      <ReasonDialog
        open={askReason}
        title="Create another key?"
        confirmLabel="Create another key"
        onCancel={() => setAskReason(false)}
        onConfirm={(reason) => {
          setAskReason(false);
          void create(reason);
        }}
      >
        {another?.message} Say why this ceremony needs another key; the reason is recorded in the transcript.
      </ReasonDialog>
    </Stack>
  );
}
