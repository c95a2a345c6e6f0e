/**
 * "Replicate to Regions": the officers tick Regions (or type one not listed); a name AWS would not
 * recognise is refused here in words, and main refuses again what it must (an existing replica, the
 * primary's Region), then asks natively, naming the key and the Regions, before any ReplicateKey.
 */
import {
  Box,
  Checkbox,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { AWS_REGION_NAME } from '../../../../electron/shared/region-name';
import { ActionButton } from '../../components/ActionButton';
import { AWS_REGIONS } from './aws-regions';

/** The Regions typed in "Other Regions", and the first that is not shaped like an AWS Region name. */
export function typedRegions(text: string): { regions: string[]; bad: string | null } {
  const regions = [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((r) => r.trim())
        .filter(Boolean),
    ),
  ];
  return { regions, bad: regions.find((r) => !AWS_REGION_NAME.test(r)) ?? null };
}

export function ReplicateForm({
  taken,
  disabled,
  onReplicate,
}: {
  /** The primary's Region and the existing replicas: offered as already there, not as choices. */
  taken: string[];
  disabled: string | null;
  onReplicate: (regions: string[]) => void;
}) {
  const [ticked, setTicked] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const typed = typedRegions(other);
  // A Region ticked before it was replicated is no longer a choice.
  const chosen = [...new Set([...ticked.filter((r) => !taken.includes(r)), ...typed.regions])];
  const toggle = (name: string, on: boolean) =>
    setTicked((t) => (on ? [...t, name] : t.filter((x) => x !== name)));
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }} data-testid="replicate-form">
      <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        Replicate to Regions
      </Typography>
      <FormGroup row aria-describedby="replicate-help">
        {AWS_REGIONS.map((r) => {
          const there = taken.includes(r.name);
          return (
            <FormControlLabel
              key={r.name}
              sx={{ minWidth: 250 }}
              control={
                <Checkbox
                  checked={there || ticked.includes(r.name)}
                  disabled={there}
                  onChange={(e) => toggle(r.name, e.target.checked)}
                />
              }
              label={`${r.name} (${r.place})${there ? ' — already there' : r.optIn ? ' — opt-in' : ''}`}
            />
          );
        })}
      </FormGroup>
      <FormHelperText id="replicate-help">
        Opt-in Regions must be enabled for the account first. KMS copies no imported material: each replica
        then needs the same material, imported Region by Region.
      </FormHelperText>
      <TextField
        label="Other Regions"
        value={other}
        onChange={(e) => setOther(e.target.value)}
        error={typed.bad !== null}
        helperText={
          typed.bad
            ? `“${typed.bad}” is not a Region name: AWS names Regions like eu-west-1 (lower case, a number last).`
            : 'Optional: Region names not listed above, separated by commas.'
        }
        sx={{ mt: 2, maxWidth: 560 }}
        fullWidth
      />
      <Box sx={{ mt: 2 }}>
        <ActionButton
          label="Replicate to Regions"
          disabled={disabled !== null || chosen.length === 0 || typed.bad !== null}
          onClick={() => onReplicate(chosen)}
        />
        {disabled && (
          <Typography variant="body2" sx={{ mt: 1 }} data-testid="replicate-disabled">
            {disabled}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
