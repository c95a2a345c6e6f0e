/** A digest to read aloud: the one hash format ("SHA-256 3F2A 9C01 …", monospace) and the numbered PGP words. */
import { Box, Typography } from '@mui/material';
import { formatHash } from '../../../electron/shared/display/hash-format';
import { PgpWordGrid } from './PgpWordGrid';

export function Fingerprint({
  label,
  sha256,
  words,
  testId,
}: {
  label: string;
  /** Hex, any case: shown upper-case in groups of four with the algorithm named. */
  sha256: string;
  words?: string[];
  testId?: string;
}) {
  const text = formatHash(sha256);
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
        data-testid={testId ? `${testId}-hash` : undefined}
        sx={{ fontFamily: 'var(--mono)', fontSize: 15, letterSpacing: 0.5, lineHeight: 1.8 }}
      >
        {text}
      </Typography>
      {words && words.length > 0 && <PgpWordGrid words={words} label={`${label}: PGP words`} />}
    </Box>
  );
}
