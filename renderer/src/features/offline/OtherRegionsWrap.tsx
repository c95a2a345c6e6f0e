/**
 * Offline station, Wrapped bundle step of a multi-Region key: the same material wrapped for every other
 * Region the parameters bundle carries (main refuses, and wraps nothing, while a Region's fingerprint is
 * unconfirmed or its parameters have expired), so that the wrapped bundle carries every Region.
 */
import {
  Box,
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
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatHash } from '../../../../electron/shared/display/hash-format';
import { useUi } from '../../store';

const LABEL = 'Wrap for every other Region';

export function OtherRegionsWrap() {
  const regions = useUi((s) => s.session.airGapRegions);
  if (regions.length === 0) return null;
  const all = regions.every((r) => r.wrappedSha256 !== null);
  const wrap = () =>
    runAction(
      {
        scope: 'region-wrap',
        action: LABEL,
        progress: `Wrapping the same material for ${regions.map((r) => r.region).join(', ')}…`,
        expected: 'Usually under a second per Region.',
      },
      (api) => api.wrapForOtherRegions({}),
    );
  return (
    <Box component="section" aria-labelledby="region-wrap-title" sx={{ mt: 3 }}>
      <Typography id="region-wrap-title" variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        Every Region of the multi-Region key
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, maxWidth: 760 }}>
        The wrapped bundle carries the material wrapped under each Region’s own wrapping public key. A Region
        is wrapped only once a witness has confirmed its fingerprint (Parameters step) and while its
        parameters are valid.
      </Typography>
      <TableContainer>
        <Table size="small" data-testid="region-wraps">
          <caption>Other Regions the parameters bundle carries, and their EncryptedKeyMaterial.</caption>
          <TableHead>
            <TableRow>
              <TableCell scope="col">Region</TableCell>
              <TableCell scope="col">Fingerprint confirmed by</TableCell>
              <TableCell scope="col">EncryptedKeyMaterial</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {regions.map((r) => (
              <TableRow key={r.region} data-region={r.region} data-wrapped={r.wrappedSha256 !== null}>
                <TableCell component="th" scope="row">
                  {r.region}
                </TableCell>
                <TableCell>
                  {r.fingerprintConfirmedBy.length
                    ? r.fingerprintConfirmedBy.join(', ')
                    : 'Not confirmed yet'}
                </TableCell>
                <TableCell sx={{ fontFamily: 'var(--mono)', fontSize: 12 }}>
                  {r.wrappedSha256 ? formatHash(r.wrappedSha256) : 'Not wrapped yet'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Box sx={{ mt: 2 }}>
        <ActionButton label={LABEL} variant={all ? 'outlined' : 'contained'} onClick={() => void wrap()} />
      </Box>
      <ErrorAlert scope="region-wrap" />
    </Box>
  );
}
