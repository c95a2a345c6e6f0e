/**
 * Online station: the parameters bundle for an air-gapped ceremony (public key + manifest; the token stays
 * here) — for a multi-Region primary with replicas, every Region's public key (./BundleRegions.tsx).
 */
import { Box } from '@mui/material';
import { useState } from 'react';
import type { Res } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { SavedFiles } from '../../components/SavedFiles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { BundleRegions } from './BundleRegions';

type Saved = Exclude<Res<'bundle:exportParameters'>, { cancelled: true }>;

export function SaveParametersBundle() {
  const [saved, setSaved] = useState<Saved | null>(null);
  const save = () =>
    runAction(
      {
        scope: 'parameters-bundle',
        action: 'Save parameters bundle…',
        progress: 'Waiting for a folder, then writing the parameters bundle…',
      },
      (api) => api.exportParametersBundle({}),
    ).then((r) => r && !('cancelled' in r) && setSaved(r));
  return (
    <Box>
      <BundleRegions />
      <ActionButton label="Save parameters bundle…" variant="outlined" onClick={() => void save()} />
      <ErrorAlert scope="parameters-bundle" />
      {saved && (
        <SavedFiles
          saved={saved}
          testId="parameters-bundle-saved"
          sx={{ mt: 2 }}
          intro="Parameters bundle for the offline station (the import token stays on this station) saved to"
        />
      )}
    </Box>
  );
}
