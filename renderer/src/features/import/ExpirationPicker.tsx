/**
 * "Key material expires" (the AWS default) with a "Valid to" date-time and presets, or "Key material does
 * not expire" with a written justification.
 */
import {
  Button,
  ButtonGroup,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { DateTimePicker } from '@mui/x-date-pickers/DateTimePicker';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import dayjs from 'dayjs';
import { formatInstant, instantParts } from '../../time';
import {
  MAX_DAYS,
  PRESET_DAYS,
  latestValidTo,
  presetValidTo,
  validToProblem,
  type Expiration,
} from './expiration';

export function ExpirationPicker({
  value,
  onChange,
  now,
}: {
  value: Expiration;
  onChange: (e: Expiration) => void;
  now: number;
}) {
  const setModel = (model: string) =>
    onChange(
      model === 'KEY_MATERIAL_EXPIRES'
        ? { model, validTo: presetValidTo(90, Date.now()) }
        : { model: 'KEY_MATERIAL_DOES_NOT_EXPIRE', justification: '' },
    );
  const latest = latestValidTo(now);
  const zone = instantParts(new Date(now));
  const problem = value.model === 'KEY_MATERIAL_EXPIRES' ? validToProblem(value.validTo, now) : null;
  return (
    <Stack spacing={2}>
      <FormControl component="fieldset">
        <FormLabel component="legend" id="expiration-label" sx={{ fontWeight: 600 }}>
          Expiration
        </FormLabel>
        <RadioGroup
          name="expiration-model"
          aria-labelledby="expiration-label"
          value={value.model}
          onChange={(e) => setModel(e.target.value)}
        >
          <FormControlLabel value="KEY_MATERIAL_EXPIRES" control={<Radio />} label="Key material expires" />
          <FormControlLabel
            value="KEY_MATERIAL_DOES_NOT_EXPIRE"
            control={<Radio />}
            label="Key material does not expire"
          />
        </RadioGroup>
      </FormControl>
      {value.model === 'KEY_MATERIAL_EXPIRES' ? (
        <Stack spacing={1.5} sx={{ maxWidth: 520 }}>
          <LocalizationProvider dateAdapter={AdapterDayjs}>
            <DateTimePicker
              label={`Valid to (local time, ${zone.zone} ${zone.offset})`}
              value={value.validTo ? dayjs(value.validTo) : null}
              onChange={(d) =>
                onChange({ model: 'KEY_MATERIAL_EXPIRES', validTo: d && d.isValid() ? d.toDate() : null })
              }
              minDateTime={dayjs(now)}
              maxDateTime={dayjs(latest)}
              ampm={false}
              format="YYYY-MM-DD HH:mm"
              slotProps={{
                textField: {
                  helperText: problem ?? `In the future, at most ${MAX_DAYS} days ahead.`,
                  error: problem !== null,
                },
              }}
            />
          </LocalizationProvider>
          <ButtonGroup variant="outlined" size="small" aria-label="Valid to presets">
            {PRESET_DAYS.map((d) => (
              <Button
                key={d}
                onClick={() =>
                  onChange({ model: 'KEY_MATERIAL_EXPIRES', validTo: presetValidTo(d, Date.now()) })
                }
              >
                {d} days
              </Button>
            ))}
          </ButtonGroup>
          <Typography
            variant="body2"
            data-testid="valid-to-readout"
            data-refused={problem !== null}
            sx={{ fontFamily: 'var(--mono)', ...(problem ? { color: 'error.dark' } : {}) }}
          >
            {problem || !value.validTo
              ? `Not accepted: ${problem ?? 'pick a date and time.'}`
              : `Expires ${formatInstant(value.validTo)}`}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="latest-valid-to">
            Latest allowed: {formatInstant(latest)}
          </Typography>
        </Stack>
      ) : (
        <TextField
          label="Justification"
          value={value.justification}
          onChange={(e) => onChange({ model: 'KEY_MATERIAL_DOES_NOT_EXPIRE', justification: e.target.value })}
          multiline
          minRows={3}
          required
          helperText="Why this material must never expire, in words the auditors will read; at least 10 characters."
          sx={{ maxWidth: 640 }}
        />
      )}
    </Stack>
  );
}
