/**
 * M-of-N backup (issue 11): before the material is wrapped, main splits it into N shares, one per named
 * custodian, as an age file to their age1… public key or to their passphrase (written into the folder the
 * officers choose), or a share sheet that main prints in its own print window, saved as a file too only when
 * chosen here. This screen sends names, forms, the threshold, public keys and that choice only: passphrases
 * are typed by their custodians in the entry window (PassphraseBackup.tsx), and it never receives a sheet.
 */
import { Box, Checkbox, FormControlLabel, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { useUi } from '../../store';
import { PassphraseBackup } from './PassphraseBackup';

type Row = {
  custodian: string;
  form: 'age-x25519' | 'age-passphrase' | 'printed-sheet';
  recipient: string;
  saveFile?: boolean;
};
const emptyRow = (): Row => ({ custodian: '', form: 'age-x25519', recipient: '' });
/** How the transcript's forms read (a script's sheets are 'sheet-file' too). */
const FORM_LABEL: Record<string, string> = {
  'printed-sheet': 'printed sheet, not saved',
  'sheet-file': 'printed sheet, saved to a file',
  'age-x25519': 'age file',
  'age-passphrase': 'age file, passphrase',
};

export function BackupPanel() {
  const backups = useUi((s) => s.session.custody?.backups ?? []);
  const [threshold, setThreshold] = useState(2);
  const [rows, setRows] = useState<Row[]>([emptyRow(), emptyRow(), emptyRow()]);
  const set = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const backUp = () =>
    runAction(
      {
        scope: 'backup',
        action: 'Make backup…',
        progress: 'Splitting; printing each sheet in the print window; writing the files…',
      },
      async (api) => {
        const r = await api.backUpMaterial({
          threshold,
          shares: rows.map((r) =>
            r.form === 'age-x25519'
              ? { custodian: r.custodian, form: 'age-x25519' as const, recipient: r.recipient }
              : r.form === 'printed-sheet'
                ? { custodian: r.custodian, form: 'printed-sheet' as const, saveFile: r.saveFile === true }
                : { custodian: r.custodian, form: 'age-passphrase' as const },
          ),
        });
        // Passphrase shares: main waits for each custodian to type theirs in the entry window.
        if (r.ok && 'entry' in r.value && r.value.entry?.kind === 'passphrases')
          await api.openCustodyEntry({});
        return r;
      },
    );

  return (
    <Box component="section" aria-label="Backup of the key material" sx={{ mt: 3 }}>
      <Typography variant="subtitle1" component="h3">
        Back up the material (M of N shares)
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        KMS never gives the material back. Split it among custodians now: any M of the N shares rebuild it for
        a reimport; fewer reveal nothing. Each share goes to one custodian as an age file or a printed sheet;
        sheets are printed one by one, and the backup is recorded only once every custodian holds theirs.
      </Typography>
      <Stack spacing={1.5}>
        <TextField
          size="small"
          type="number"
          label="Shares needed to rebuild (M)"
          value={threshold}
          onChange={(e) => setThreshold(Number(e.target.value))}
          slotProps={{ htmlInput: { min: 2, max: 9 } }}
          sx={{ maxWidth: 260 }}
        />
        {rows.map((r, i) => (
          <Stack key={i} direction={{ xs: 'column', md: 'row' }} spacing={1}>
            <TextField
              size="small"
              label={`Custodian of share ${i + 1}`}
              value={r.custodian}
              onChange={(e) => set(i, { custodian: e.target.value })}
              autoComplete="off"
            />
            <TextField
              select
              size="small"
              label={`Form of share ${i + 1}`}
              value={r.form}
              onChange={(e) => set(i, { form: e.target.value as Row['form'] })}
              sx={{ minWidth: 200 }}
            >
              <MenuItem value="age-x25519">age file to their age1… key</MenuItem>
              <MenuItem value="age-passphrase">age file to their passphrase</MenuItem>
              <MenuItem value="printed-sheet">printed share sheet</MenuItem>
            </TextField>
            {r.form === 'printed-sheet' && (
              <FormControlLabel
                control={
                  <Checkbox
                    size="small"
                    checked={r.saveFile === true}
                    onChange={(e) => set(i, { saveFile: e.target.checked })}
                  />
                }
                label={`Also save sheet ${i + 1} as a PDF file`}
              />
            )}
            {r.form === 'age-x25519' && (
              <TextField
                size="small"
                label={`age1… public key of share ${i + 1}`}
                value={r.recipient}
                onChange={(e) => set(i, { recipient: e.target.value })}
                autoComplete="off"
                sx={{ flex: 1 }}
                slotProps={{ htmlInput: { spellCheck: false } }}
              />
            )}
          </Stack>
        ))}
        <Stack direction="row" spacing={1}>
          <ActionButton
            label="Add share"
            variant="text"
            disabled={rows.length >= 9}
            onClick={() => setRows([...rows, emptyRow()])}
          />
          <ActionButton
            label="Remove last share"
            variant="text"
            disabled={rows.length <= 2}
            onClick={() => setRows(rows.slice(0, -1))}
          />
          <ActionButton label="Make backup…" variant="outlined" onClick={() => void backUp()} />
        </Stack>
      </Stack>
      <PassphraseBackup />
      {backups.map((b) => (
        <Box key={b.backupId} data-testid="backup-made" sx={{ mt: 2 }} role="status">
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            Backup {b.backupId}: any {b.threshold} of {b.total} shares · {b.checkValue}
          </Typography>
          {b.shares.map((s) => (
            <Typography key={s.index} variant="body2" color="text.secondary">
              Share {s.index} → {s.custodian} ({FORM_LABEL[s.form] ?? s.form}){s.file ? `: ${s.file}` : ''}
            </Typography>
          ))}
        </Box>
      ))}
    </Box>
  );
}
