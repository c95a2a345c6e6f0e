/**
 * The expiry planner on the start screen: every EXTERNAL key material in the Regions named, soonest expiry
 * first, with warnings at 90/30/7 days and for material already missing; saved by main as an iCalendar
 * file (a reminder ahead of each ValidTo), CSV or JSON. Read-only: it changes nothing in KMS.
 */
import {
  Alert,
  Box,
  Button,
  FormControlLabel,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { ExpiryPlanView } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatInstant } from '../../time';
import { useUi } from '../../store';

type Entry = ExpiryPlanView['entries'][number];

const WARNING: Record<
  NonNullable<Entry['warning']>,
  { text: string; severity: 'error' | 'warning' | 'info' }
> = {
  'material-missing': { text: 'Missing: reimport the same material', severity: 'error' },
  'within-7-days': { text: 'Expires within 7 days', severity: 'error' },
  'within-30-days': { text: 'Expires within 30 days', severity: 'warning' },
  'within-90-days': { text: 'Expires within 90 days', severity: 'info' },
};

const expiryText = (e: Entry) =>
  e.validTo ? formatInstant(e.validTo) : e.importState === 'IMPORTED' ? 'Does not expire' : 'Not imported';

/**
 * Presets a reimport-from-backup ceremony for this row's key (where to connect, which key) and takes the
 * officers back to the start form: the ceremony still starts there, with its operator and witnesses.
 */
function chooseForReimport(e: Entry, target: 'emulator' | 'aws') {
  const ui = useUi.getState();
  ui.setIntent('reimport-from-backup');
  ui.setReimportKey({
    keyArn: e.keyArn,
    label: e.alias ?? e.keyId,
    region: e.region,
    target,
    profile: e.profile,
  });
  document.getElementById('step-title')?.scrollIntoView({ block: 'start' });
  document.querySelector<HTMLInputElement>('#start-operator')?.focus();
}

export function ExpiryPlanner() {
  const [target, setTarget] = useState<'emulator' | 'aws'>('emulator');
  const [profile, setProfile] = useState('');
  const [regions, setRegions] = useState('us-east-1');
  // The plan with where it was listed, so a row's reimport connects there.
  const [plan, setPlan] = useState<(ExpiryPlanView & { target: 'emulator' | 'aws' }) | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const list = () =>
    runAction(
      {
        scope: 'expiry',
        action: 'List key material expiry',
        progress: 'Listing EXTERNAL keys and their materials in each Region…',
        expected: 'Usually a few seconds per Region.',
      },
      (api) =>
        api.planExpiry({
          target,
          profile: target === 'aws' && profile.trim() ? profile.trim() : null,
          regions: regions.split(/[\s,]+/).filter(Boolean),
        }),
      { refresh: false },
    ).then((r) => {
      if (r) setPlan({ ...r, target });
      setSaved(null);
    });
  const save = (format: 'ics' | 'csv' | 'json', label: string) =>
    runAction(
      { scope: 'expiry', action: label, progress: 'Waiting for a folder, then writing the plan…' },
      (api) => api.exportExpiryPlan({ format }),
      { refresh: false },
    ).then((r) => r && !('cancelled' in r) && setSaved(r.path));

  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }} component="section" aria-labelledby="expiry-title">
      <Typography id="expiry-title" variant="h6" component="h2" sx={{ fontWeight: 600 }}>
        Expiry planner
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Imported key material stops working at its ValidTo. List every EXTERNAL key’s material, soonest first,
        and save reminders for your calendar. Nothing in KMS is changed.
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
        <RadioGroup
          row
          aria-label="Where to look"
          value={target}
          onChange={(_, v) => setTarget(v as 'emulator' | 'aws')}
        >
          <FormControlLabel value="emulator" control={<Radio />} label="Local emulator (rehearsal)" />
          <FormControlLabel value="aws" control={<Radio />} label="AWS" />
        </RadioGroup>
        {target === 'aws' && (
          <TextField
            label="AWS profile"
            size="small"
            value={profile}
            onChange={(e) => setProfile(e.target.value)}
            helperText="Empty: environment credentials"
          />
        )}
        <TextField
          label="Regions"
          size="small"
          value={regions}
          onChange={(e) => setRegions(e.target.value)}
          helperText="Comma-separated, e.g. us-east-1, eu-west-1"
        />
        <ActionButton label="List key material expiry" onClick={() => void list()} />
      </Stack>
      <ErrorAlert scope="expiry" />
      {plan?.regions
        .filter((r) => r.status === 'failed')
        .map((r) => (
          <Alert key={`${r.profile ?? ''}/${r.region}`} severity="warning" sx={{ mt: 2 }}>
            {r.region}
            {r.profile ? ` (profile ${r.profile})` : ''} could not be listed: {r.message} {r.hint}
          </Alert>
        ))}
      {plan && (
        <Box sx={{ mt: 2 }}>
          {plan.entries.length === 0 ? (
            <Typography>
              {plan.regions.some((r) => r.status === 'failed')
                ? 'No EXTERNAL keys were found in the Regions that could be listed; the others are named above.'
                : 'No EXTERNAL keys were found in these Regions.'}
            </Typography>
          ) : (
            <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1, maxHeight: 420 }}>
              <Table size="small" stickyHeader aria-labelledby="expiry-title" data-testid="expiry-plan">
                <TableHead>
                  <TableRow>
                    <TableCell>Days left</TableCell>
                    <TableCell>Expires (ValidTo)</TableCell>
                    <TableCell>Warning</TableCell>
                    <TableCell>Alias</TableCell>
                    <TableCell>Region</TableCell>
                    <TableCell>Key state</TableCell>
                    <TableCell>Material</TableCell>
                    <TableCell>Backup</TableCell>
                    <TableCell>Action</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {plan.entries.map((e) => (
                    <TableRow key={`${e.keyArn}/${e.keyMaterialId ?? ''}`}>
                      <TableCell>{e.daysLeft ?? '—'}</TableCell>
                      <TableCell>{expiryText(e)}</TableCell>
                      <TableCell>
                        {e.warning && (
                          <Alert severity={WARNING[e.warning].severity} icon={false} sx={{ py: 0 }}>
                            {WARNING[e.warning].text}
                          </Alert>
                        )}
                      </TableCell>
                      <TableCell>{e.alias ?? e.keyId}</TableCell>
                      <TableCell>{e.region}</TableCell>
                      <TableCell>{e.keyState}</TableCell>
                      <TableCell>{e.keyMaterialState ?? '—'}</TableCell>
                      <TableCell>
                        {e.backup === 'recorded' ? 'Recorded' : e.backup === 'none' ? 'None recorded' : '—'}
                      </TableCell>
                      <TableCell>
                        <Button
                          size="small"
                          variant="outlined"
                          aria-label={`Reimport ${e.alias ?? e.keyId} (${e.region}) from backup`}
                          onClick={() => chooseForReimport(e, plan.target)}
                        >
                          Reimport from backup
                        </Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
          <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
            <ActionButton
              label="Save calendar (.ics)…"
              variant="outlined"
              onClick={() => void save('ics', 'Save calendar (.ics)…')}
            />
            <ActionButton
              label="Save CSV…"
              variant="outlined"
              onClick={() => void save('csv', 'Save CSV…')}
            />
            <ActionButton
              label="Save JSON…"
              variant="outlined"
              onClick={() => void save('json', 'Save JSON…')}
            />
          </Stack>
          {saved && (
            <Alert severity="success" sx={{ mt: 2 }} data-testid="expiry-saved">
              Saved to <code>{saved}</code>
            </Alert>
          )}
        </Box>
      )}
    </Paper>
  );
}
