/**
 * Online station, a multi-Region primary whose replicas exist: the parameters bundle carries every Region.
 * "Get parameters in every replica Region" asks main for each replica Region's own parameters, one Region
 * at a time (progress per Region; a Region that fails says why and the others go on), then shows each
 * Region's fingerprint, which the offline station's witness confirms aloud.
 */
import {
  Alert,
  Box,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { runAction } from '../../actions';
import { ActionButton } from '../../components/ActionButton';
import { Fingerprint } from '../../components/Fingerprint';
import { useUi } from '../../store';
import { formatInstant } from '../../time';
import { useRegionStatus } from '../multi-region/useRegionStatus';

const LABEL = 'Get parameters in every replica Region';
const scopeOf = (region: string) => `bundle-region-${region}`;

export function BundleRegions() {
  const mr = useUi((s) => s.session.multiRegion);
  if (!mr || mr.current !== mr.primaryRegion) return null;
  return <ReplicaParameters />;
}

function ReplicaParameters() {
  const { status } = useRegionStatus();
  const fetched = useUi((s) => s.session.airGapRegions);
  const errors = useUi((s) => s.errors);
  if (!status) return null;
  const replicas = status.regions.filter((r) => r.role === 'REPLICA' && r.keyState !== 'none');
  if (replicas.length === 0)
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }} data-testid="bundle-regions-none">
        This multi-Region key has no replicas yet: the bundle carries {status.primaryRegion} only.
      </Typography>
    );
  // Only the Regions not fetched yet: fetching a Region again replaces its token, which would silently void a
  // parameters bundle already saved with the old one.
  const missing = replicas.filter((r) => !fetched.some((f) => f.region === r.region));
  const getAll = async () => {
    for (const [i, r] of missing.entries())
      await runAction(
        {
          scope: scopeOf(r.region),
          action: LABEL,
          progress: `Getting import parameters in ${r.region} (${i + 1} of ${missing.length})…`,
          expected: 'Usually a few seconds per Region (RSA wrapping keys are made by KMS).',
        },
        (api) => api.fetchRegionParameters({ region: r.region }),
      );
  };
  return (
    <Box component="section" aria-labelledby="bundle-regions-title" sx={{ mb: 2 }}>
      <Typography id="bundle-regions-title" variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        Every Region in one bundle
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, maxWidth: 760 }}>
        This multi-Region key has replicas: each Region has its own import parameters (wrapping key and
        token). The bundle carries every Region’s public key; the tokens stay on this station.
      </Typography>
      <TableContainer>
        <Table size="small" data-testid="bundle-regions">
          <caption>The Regions the parameters bundle carries.</caption>
          <TableHead>
            <TableRow>
              <TableCell scope="col">Region</TableCell>
              <TableCell scope="col">Parameters</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            <TableRow data-region={status.primaryRegion} data-state="fetched">
              <TableCell component="th" scope="row">
                {status.primaryRegion} (primary)
              </TableCell>
              <TableCell>Fetched above</TableCell>
            </TableRow>
            {replicas.map((r) => {
              const got = fetched.find((f) => f.region === r.region);
              const error = errors[scopeOf(r.region)];
              const state = error ? 'failed' : got ? 'fetched' : 'missing';
              return (
                <TableRow key={r.region} data-region={r.region} data-state={state}>
                  <TableCell component="th" scope="row">
                    {r.region}
                  </TableCell>
                  <TableCell>
                    {error
                      ? `Failed: ${error.message} ${error.hint}`
                      : got
                        ? `Fetched, valid until ${formatInstant(got.parametersValidTo)}`
                        : r.keyState === 'Creating'
                          ? 'Not yet: KMS is still creating this replica'
                          : 'Not fetched yet'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <Box sx={{ mt: 1.5 }}>
        <ActionButton
          label={LABEL}
          variant="outlined"
          disabled={missing.length === 0}
          onClick={() => void getAll()}
        />
      </Box>
      {missing.length > 0 && fetched.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1.5 }} data-testid="bundle-regions-missing">
          The bundle would not carry {missing.map((r) => r.region).join(', ')}: get their parameters before
          saving it, or those Regions need another trip across the air gap.
        </Alert>
      )}
      <Stack spacing={2} sx={{ mt: 2 }}>
        {fetched.map((f) => (
          <Fingerprint
            key={f.region}
            label={`Wrapping public key fingerprint — ${f.region}`}
            sha256={f.publicKeySha256}
            words={f.words}
            testId={`public-key-fingerprint-${f.region}`}
          />
        ))}
      </Stack>
    </Box>
  );
}
