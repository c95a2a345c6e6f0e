/**
 * The multi-Region ceremony's hub (issue 13, spec §4.4), under the Key and Verify steps: the Regions table
 * read from KMS, "Replicate to Regions" once the primary holds the material, progress while KMS creates
 * the replicas, "Import into <Region>" to run the usual steps there, and the identical KeyMaterialId check.
 */
import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { runAction } from '../../actions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useUi } from '../../store';
import { RegionStatusTable } from './RegionStatusTable';
import { ReplicateForm } from './ReplicateForm';
import { sameMaterial } from './region-results';
import { useRegionStatus } from './useRegionStatus';

export function MultiRegionPanel() {
  const { status, error, refresh, creatingSeconds } = useRegionStatus();
  const goTo = useUi((s) => s.goTo);
  const setError = useUi((s) => s.setError);
  if (error) {
    return (
      <Alert severity="error" role="alert" sx={{ mt: 3 }} data-testid="region-status-error">
        {error.message} {error.hint}
      </Alert>
    );
  }
  if (!status) return <LinearProgress aria-label="Reading the key's Regions from KMS" sx={{ mt: 3 }} />;

  const primary = status.regions[0]!;
  const creating = status.regions.filter((r) => r.keyState === 'Creating');
  const same = sameMaterial(status);
  const replicate = async (regions: string[]) => {
    const r = await runAction(
      {
        scope: 'multi-region',
        action: 'Replicate to Regions',
        progress: `Asking KMS to replicate the key into ${regions.join(', ')}…`,
        expected: 'Main asks you to confirm first; then one KMS call per Region.',
      },
      (api) => api.replicateToRegions({ regions }),
    );
    if (r && 'cancelled' in r) setError('multi-region', null);
    await refresh();
  };
  const importInto = async (region: string) => {
    const key = await runAction(
      {
        scope: 'multi-region',
        action: `Import into ${region}`,
        progress: `Opening ${region} and describing the replica there…`,
      },
      (api) => api.useRegion({ region }),
    );
    // Across the air gap main continues with the wrapped bundle's material for that Region: on to Import.
    if (key) goTo(useUi.getState().session.wrapped?.fromOfflineStation ? 'import' : 'parameters');
    else await refresh();
  };
  const notReady =
    status.current !== status.primaryRegion
      ? `Replicas are made from the primary: switch back to ${status.primaryRegion} first.`
      : !primary.done
        ? `Import the material into the primary in ${status.primaryRegion} first (KMS replicates only a primary that holds material).`
        : null;
  return (
    <Box component="section" aria-labelledby="regions-title" sx={{ mt: 4 }} data-testid="multi-region-panel">
      <Typography id="regions-title" component="h3" variant="h6" sx={{ mb: 1 }}>
        Regions of this multi-Region key
      </Typography>
      <Typography variant="body2" sx={{ mb: 2 }}>
        Every Region needs the same material, imported with its own parameters, fingerprint confirmation, wrap
        and witness approval. The table is read from KMS: a ceremony resumed later shows which Regions are
        done.
      </Typography>
      <RegionStatusTable status={status} onContinue={(r) => void importInto(r)} />
      {creating.length > 0 && (
        <Box sx={{ mt: 2 }} data-testid="replica-progress">
          <Typography variant="body2" role="status">
            KMS is creating the replica{creating.length > 1 ? 's' : ''} in{' '}
            {creating.map((r) => r.region).join(', ')}
            {creatingSeconds !== null ? ` (${creatingSeconds} s so far)` : ''}. AWS usually takes a few
            minutes; this table updates by itself.
          </Typography>
          <LinearProgress aria-label="Replicas being created" sx={{ mt: 1 }} />
        </Box>
      )}
      {same.identical && same.id && (
        <Alert
          severity={same.allDone ? 'success' : 'info'}
          sx={{ mt: 2 }}
          data-testid="same-material"
          data-all-done={same.allDone}
        >
          {same.allDone
            ? `KeyMaterialId ${same.id} — identical in all ${status.regions.length} Regions.`
            : `KeyMaterialId ${same.id} in every Region done so far.`}
        </Alert>
      )}
      {!same.identical && (
        <Alert severity="error" role="alert" sx={{ mt: 2 }} data-testid="same-material">
          The Regions hold DIFFERENT KeyMaterialIds: stop, and check which material each Region holds.
        </Alert>
      )}
      <ErrorAlert scope="multi-region" />
      <Box sx={{ mt: 3 }}>
        <ReplicateForm
          taken={status.regions.filter((r) => r.keyState !== 'none').map((r) => r.region)}
          disabled={notReady}
          onReplicate={(regions) => void replicate(regions)}
        />
      </Box>
    </Box>
  );
}
