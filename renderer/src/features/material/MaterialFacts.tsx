import { Box, Stack, Typography } from '@mui/material';
import type { MaterialInfo } from '../../../../electron/shared/ipc-contract';
import { Facts } from '../../components/Facts';
import { Fingerprint } from '../../components/Fingerprint';
import { formatCheckValue } from '../../../../electron/shared/display/hash-format';

const SOURCE: Partial<Record<MaterialInfo['source'], string>> = {
  generated: 'generated',
  components: 'custodian components (XOR)',
  backup: 'rebuilt from backup shares',
};

/** What main found: length, format, and the values officers compare against their records. */
export function MaterialFacts({ material: m }: { material: MaterialInfo }) {
  return (
    <Box component="section" aria-label="Key material found" sx={{ mt: 3 }}>
      <Stack spacing={2}>
        <Facts
          testId="material-facts"
          facts={[
            { label: 'Key spec', value: m.keySpec },
            { label: 'Source', value: SOURCE[m.source] ?? `file ${m.fileName ?? ''}` },
            { label: 'Length', value: `${m.length} bytes` },
            { label: 'Format found', value: m.formatFound },
            { label: 'Check value', value: formatCheckValue(m.checkValue), mono: true },
            ...(m.checkValue.legacyEcbKcv
              ? [
                  {
                    label: 'Legacy KCV (AES-ECB of zeros)',
                    value: formatCheckValue({ kind: 'AES-ECB', value: m.checkValue.legacyEcbKcv }),
                    mono: true,
                  },
                ]
              : []),
          ]}
        />
        {m.publicKeySha256 && m.publicKeySha256.toUpperCase() !== m.checkValue.value.toUpperCase() && (
          <Fingerprint
            label="Public key (derived from the material)"
            sha256={m.publicKeySha256}
            testId="material-public-key"
          />
        )}
        {m.notes.map((n) => (
          <Typography key={n} variant="body2" color="text.secondary">
            {n}
          </Typography>
        ))}
      </Stack>
    </Box>
  );
}
