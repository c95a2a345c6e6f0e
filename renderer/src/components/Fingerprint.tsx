/** A SHA-256 to read aloud: hex in groups of four (monospace) and the PGP word list. */
import { Box, Typography } from '@mui/material';

export function Fingerprint({
  label,
  groups,
  words,
  testId,
}: {
  label: string;
  groups: string;
  words?: string[];
  testId?: string;
}) {
  return (
    <Box
      data-testid={testId}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, bgcolor: 'grey.50' }}
    >
      <Typography variant="overline" component="p" color="text.secondary">
        {label}
      </Typography>
      <Typography
        component="p"
        aria-label={`${label}: ${groups}`}
        sx={{ fontFamily: 'var(--mono)', fontSize: 15, letterSpacing: 0.5, lineHeight: 1.8 }}
      >
        {groups}
      </Typography>
      {words && words.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {words.join(' ')}
        </Typography>
      )}
    </Box>
  );
}

/** "0a1b2c3d…" → "0a1b 2c3d …" for hashes main sends as plain hex. */
export function hexGroups(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}
