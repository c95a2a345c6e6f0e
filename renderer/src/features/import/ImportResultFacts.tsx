import { Alert, AlertTitle } from '@mui/material';
import type { ImportResult } from '../../../../electron/shared/ipc-contract';
import { Facts } from '../../components/Facts';
import { formatInstant } from '../../time';

/** What KMS reports after the import. */
export function ImportResultFacts({ result: r }: { result: ImportResult }) {
  return (
    <Alert severity="success" sx={{ mt: 3 }} data-testid="import-result">
      <AlertTitle>Key material imported</AlertTitle>
      <Facts
        facts={[
          { label: 'KeyState', value: r.keyState },
          { label: 'ExpirationModel', value: r.expirationModel },
          { label: 'ValidTo', value: r.validTo ? formatInstant(r.validTo) : 'never' },
          { label: 'KeyMaterialId', value: r.keyMaterialId ?? '—', mono: true },
          { label: 'Imported at', value: formatInstant(r.importedAt) },
        ]}
      />
    </Alert>
  );
}
