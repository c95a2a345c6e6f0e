/**
 * Step Rotate for a multi-Region primary (issue 13, spec §4.4 step 6): the new material waits on the primary
 * (PENDING_MULTI_REGION_IMPORT_AND_ROTATION) until the same material is imported into every replica, each
 * with its own parameters, fingerprint, wrap, approval and import ("Import into <Region>"); only then may
 * the primary rotate ("Return to <primary>"). Read from KMS, so an interrupted ceremony shows what is done.
 */
import {
  Alert,
  Box,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { RotationRegionsView } from '../../../../electron/shared/ipc-contract';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useUi } from '../../store';
import { regionResult, type ResultWords } from '../multi-region/region-results';

type Row = RotationRegionsView['regions'][number];

/** The new material in one Region, in words. */
const NEW_MATERIAL: ResultWords<Row> = {
  done: (r) =>
    r.keyMaterialState === 'CURRENT'
      ? 'Done — the new material is current here'
      : `Done — the new material is imported here (${r.keyMaterialState ?? 'listed'})`,
  pendingPrimary: 'Pending: import the new material into the primary first',
  pendingReplica: 'Pending: import the same new material here',
};

export function RotationRegions({ status }: { status: RotationRegionsView }) {
  const goTo = useUi((s) => s.goTo);
  const inReplica = status.current !== status.primaryRegion;
  const missing = status.regions.filter((r) => !r.done).map((r) => r.region);
  const switchTo = async (region: string, then: 'parameters' | 'rotate') => {
    const key = await runAction(
      {
        scope: 'rotation-regions',
        action: region === status.primaryRegion ? `Return to ${region}` : `Import into ${region}`,
        progress: `Opening ${region} and describing the key there…`,
      },
      (api) => api.useRegion({ region }),
    );
    if (key) goTo(then);
  };
  const next = (r: Row) => {
    if (r.region === status.current) return <Typography variant="body2">Working here now</Typography>;
    if (r.done || r.role === 'PRIMARY' || r.keyState === 'Creating') return null;
    return (
      <ActionButton
        size="small"
        variant="outlined"
        label={`Import into ${r.region}`}
        onClick={() => void switchTo(r.region, 'parameters')}
      />
    );
  };
  return (
    <Box
      component="section"
      aria-labelledby="rotation-regions-title"
      sx={{ mt: 3 }}
      data-testid="rotation-regions"
    >
      <Typography id="rotation-regions-title" component="h3" variant="h6" sx={{ mb: 1 }}>
        New material in every Region
      </Typography>
      <Typography variant="body2" sx={{ mb: 2 }}>
        A multi-Region key rotates only once every replica holds the new material
        {status.keyMaterialId ? ` ${status.keyMaterialId}` : ''}: import it into each replica Region (its own
        parameters, fingerprint, wrap and witness approval; KMS checks it is the primary’s), then return to
        the primary to rotate it. The table is read from KMS.
      </Typography>
      <TableContainer>
        <Table size="small" data-testid="rotation-region-status">
          <caption>
            Regions of {status.keyId}: primary in {status.primaryRegion}; the steps act in {status.current}{' '}
            now.
          </caption>
          <TableHead>
            <TableRow>
              <TableCell scope="col">Region</TableCell>
              <TableCell scope="col">Role</TableCell>
              <TableCell scope="col">KeyState</TableCell>
              <TableCell scope="col">New material</TableCell>
              <TableCell scope="col">Next</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {status.regions.map((r) => {
              const result = regionResult(r, NEW_MATERIAL);
              return (
                <TableRow key={r.region} data-region={r.region} data-result={result.kind}>
                  <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                    {r.region}
                  </TableCell>
                  <TableCell>{r.role === 'PRIMARY' ? 'Primary' : 'Replica'}</TableCell>
                  <TableCell>{r.keyState}</TableCell>
                  <TableCell sx={{ fontWeight: result.kind === 'pending' ? 400 : 600 }}>
                    {result.text}
                  </TableCell>
                  <TableCell>{next(r)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {status.allDone ? (
        <Alert severity="success" sx={{ mt: 2 }} data-testid="rotation-regions-done">
          Every Region ({status.regions.length}) holds the new material {status.keyMaterialId}.
          {inReplica ? ` Return to the primary in ${status.primaryRegion} to rotate it.` : ''}
        </Alert>
      ) : (
        <Alert severity="info" sx={{ mt: 2 }} data-testid="rotation-regions-missing">
          Not yet in {missing.join(', ')}: the primary cannot rotate until every Region holds the new
          material.
        </Alert>
      )}
      {inReplica && (
        <Box sx={{ mt: 2 }}>
          <ActionButton
            label={`Return to ${status.primaryRegion}`}
            variant={status.allDone ? 'contained' : 'outlined'}
            onClick={() => void switchTo(status.primaryRegion, 'rotate')}
          />
        </Box>
      )}
      <ErrorAlert scope="rotation-regions" />
    </Box>
  );
}
