/** A labelled radio group whose refused options stay visible, disabled, with the reason beside them. */
import { FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import type { Option } from './wrapping-choice';

export function OptionRadios({
  label,
  name,
  options,
  value,
  recommended,
  onChange,
}: {
  label: string;
  name: string;
  options: Option[];
  value: string;
  recommended: string | null;
  onChange: (value: string) => void;
}) {
  return (
    <FormControl component="fieldset" sx={{ minWidth: 280 }}>
      <FormLabel component="legend" id={`${name}-label`} sx={{ fontWeight: 600, mb: 0.5 }}>
        {label}
      </FormLabel>
      <RadioGroup
        name={name}
        aria-labelledby={`${name}-label`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <div key={o.value}>
            <FormControlLabel
              value={o.value}
              disabled={!o.allowed}
              control={<Radio size="small" />}
              label={
                <span style={{ fontFamily: 'var(--mono)', fontSize: 14 }}>
                  {o.value}
                  {o.value === recommended && ' '}
                  {o.value === recommended && (
                    <Typography component="span" color="success.main" sx={{ fontSize: 12, ml: 1 }}>
                      recommended
                    </Typography>
                  )}
                </span>
              }
            />
            {o.reason && (
              <Typography
                variant="caption"
                color="text.secondary"
                component="p"
                sx={{ ml: 4, mt: -0.5, mb: 0.5 }}
              >
                {o.reason}
              </Typography>
            )}
          </div>
        ))}
      </RadioGroup>
    </FormControl>
  );
}
