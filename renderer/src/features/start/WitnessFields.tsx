/** One or more witnesses, each named: a ceremony is never run by one person alone. */
import { Box, Button, Stack, TextField, Typography } from '@mui/material';

export function WitnessFields({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const set = (i: number, name: string) => onChange(value.map((w, j) => (j === i ? name : w)));
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2" sx={{ mb: 1 }}>
        Witnesses
      </Typography>
      <Stack spacing={1.5}>
        {value.map((w, i) => (
          <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField
              label={`Witness ${i + 1}`}
              size="small"
              value={w}
              onChange={(e) => set(i, e.target.value)}
              sx={{ width: 320 }}
            />
            {value.length > 1 && (
              <Button
                variant="text"
                color="inherit"
                aria-label={`Remove witness ${i + 1}`}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                Remove
              </Button>
            )}
          </Stack>
        ))}
      </Stack>
      {value.length < 20 && (
        <Button variant="text" sx={{ mt: 1 }} onClick={() => onChange([...value, ''])}>
          Add witness
        </Button>
      )}
    </Box>
  );
}
