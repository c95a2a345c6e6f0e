/**
 * The PGP words of a fingerprint as a numbered grid (1–32 for SHA-256), four to a row: the witness reading
 * aloud and the one listening follow the same numbers on both stations (and in the printed record).
 */
import { Box } from '@mui/material';
import { pgpWordRows } from '../../../electron/shared/display/pgp-grid';

export function PgpWordGrid({ words, label }: { words: string[]; label: string }) {
  return (
    <Box
      component="ol"
      aria-label={label}
      data-testid="pgp-words"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'repeat(4, minmax(9em, max-content))',
        columnGap: 3,
        rowGap: 0.5,
        listStyle: 'none',
        p: 0,
        m: 0,
        mt: 1,
      }}
    >
      {pgpWordRows(words)
        .flat()
        .map(({ number, word }) => (
          <Box component="li" key={number} sx={{ display: 'flex', alignItems: 'baseline', gap: 1 }}>
            <Box
              component="span"
              aria-hidden="true"
              sx={{
                fontFamily: 'var(--mono)',
                fontSize: 13,
                color: 'text.secondary',
                minWidth: '2ch',
                textAlign: 'right',
              }}
            >
              {number}
            </Box>
            <Box component="span" className="pgp-word" sx={{ fontSize: 16, fontWeight: 600 }}>
              {word}
            </Box>
          </Box>
        ))}
    </Box>
  );
}
