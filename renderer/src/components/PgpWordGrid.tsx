/**
 * The PGP words of a fingerprint as a numbered grid (1–32 for SHA-256), four to a row: the witness reading
 * aloud and the one listening follow the same numbers on both stations (and in the printed record).
 * Styled once on the list (child selectors), not per word: 64 `sx` props cost a style pass each.
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
        '& > li': { display: 'flex', alignItems: 'baseline', gap: 1 },
        '& .pgp-number': {
          fontFamily: 'var(--mono)',
          fontSize: 13,
          color: 'text.secondary',
          minWidth: '2ch',
          textAlign: 'right',
        },
        '& .pgp-word': { fontSize: 16, fontWeight: 600 },
      }}
    >
      {pgpWordRows(words)
        .flat()
        .map(({ number, word }) => (
          <li key={number}>
            <span className="pgp-number" aria-hidden="true">
              {number}
            </span>
            <span className="pgp-word">{word}</span>
          </li>
        ))}
    </Box>
  );
}
