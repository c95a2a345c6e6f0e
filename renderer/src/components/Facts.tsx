/** Label/value pairs as a description list; `mono` for identifiers, hashes and check values. */
import { Box } from '@mui/material';
import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  mono?: boolean;
}

export function Facts({ facts, testId }: { facts: Fact[]; testId?: string }) {
  return (
    <Box
      component="dl"
      data-testid={testId}
      sx={{
        display: 'grid',
        gridTemplateColumns: 'minmax(160px, max-content) 1fr',
        columnGap: 3,
        rowGap: 1,
        m: 0,
      }}
    >
      {facts.map(({ label, value, mono }) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <Box component="dt" sx={{ color: 'text.secondary', fontSize: 14 }}>
            {label}
          </Box>
          <Box
            component="dd"
            sx={{
              m: 0,
              fontSize: 14,
              wordBreak: 'break-all',
              ...(mono ? { fontFamily: 'var(--mono)' } : {}),
            }}
          >
            {value ?? '—'}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
