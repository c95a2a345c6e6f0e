/**
 * Label/value pairs as a description list; `mono` for identifiers, hashes and check values.
 * Styled once on the list (child selectors), not per pair: three `sx` props per pair each cost emotion a
 * style serialisation on every render of screens that show facts beside a ticking countdown.
 */
import { Box } from '@mui/material';
import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  mono?: boolean;
}

const LIST_SX = {
  display: 'grid',
  gridTemplateColumns: 'minmax(160px, max-content) 1fr',
  columnGap: 3,
  rowGap: 1,
  m: 0,
  '& > div': { display: 'contents' },
  '& dt': { color: 'text.secondary', fontSize: 14 },
  '& dd': { m: 0, fontSize: 14, wordBreak: 'break-all' },
  '& dd.mono': { fontFamily: 'var(--mono)' },
} as const;

export function Facts({ facts, testId }: { facts: Fact[]; testId?: string }) {
  return (
    <Box component="dl" data-testid={testId} sx={LIST_SX}>
      {facts.map(({ label, value, mono }) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className={mono ? 'mono' : undefined}>{value ?? '—'}</dd>
        </div>
      ))}
    </Box>
  );
}
