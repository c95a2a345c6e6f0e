/** "Describe key": what KMS says about the chosen key, and what the officers can do with it. */
import { Alert, Box, Typography } from '@mui/material';
import type { KeyDescription } from '../../../../electron/shared/ipc-contract';
import { Facts } from '../../components/Facts';
import { formatInstant } from '../../time';
import { KeyActions } from './KeyActions';
import { KeyMaterials } from './KeyMaterials';

/** Any mode that allows an import is informational; only 'none' warns. */
const severity = (mode: string) => (mode === 'none' ? 'warning' : 'info');

export function KeyDetails({ keyDescription: k }: { keyDescription: KeyDescription }) {
  return (
    <Box
      component="section"
      aria-label="Key details"
      sx={{ mt: 3, p: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}
    >
      <Typography variant="h6" component="h3" sx={{ mb: 1.5 }}>
        {k.aliases[0] ?? 'Key'}{' '}
        <Typography component="span" color="text.secondary" sx={{ fontFamily: 'var(--mono)', fontSize: 13 }}>
          {k.keyId}
        </Typography>
      </Typography>
      <Facts
        testId="key-facts"
        facts={[
          { label: 'Aliases', value: k.aliases.join(', ') || 'none' },
          { label: 'ARN', value: k.arn, mono: true },
          { label: 'Origin', value: k.origin },
          { label: 'KeyState', value: k.keyState },
          { label: 'KeySpec', value: k.keySpec },
          { label: 'KeyUsage', value: k.keyUsage },
          { label: 'ExpirationModel', value: k.expirationModel ?? 'none (no material yet)' },
          { label: 'ValidTo', value: k.validTo ? formatInstant(k.validTo) : '—' },
          { label: 'CurrentKeyMaterialId', value: k.currentKeyMaterialId ?? '—', mono: true },
          { label: 'Multi-Region', value: k.multiRegion ? 'yes' : 'no' },
          { label: 'Description', value: k.description || '—' },
        ]}
      />
      <Alert severity={severity(k.importability.mode)} sx={{ mt: 2 }} data-testid="importability">
        {k.importability.explanation}
      </Alert>
      {k.keySpec === 'SYMMETRIC_DEFAULT' && k.origin === 'EXTERNAL' && <KeyMaterials keyDescription={k} />}
      <KeyActions keyDescription={k} />
    </Box>
  );
}
