/**
 * Offline station, a multi-Region key's parameters bundle: each other Region's own wrapping public key
 * (its fingerprint to confirm against the online station's, one witness confirmation per Region), its key
 * ARN and how long its parameters stay valid. Main wraps for a Region only once its fingerprint is confirmed.
 */
import { Alert, Box, Stack, Typography } from '@mui/material';
import type { AirGapRegion } from '../../../../electron/shared/ipc-contract';
import { Countdown } from '../../components/Countdown';
import { Facts } from '../../components/Facts';
import { Fingerprint } from '../../components/Fingerprint';
import { useUi } from '../../store';
import { formatInstant } from '../../time';
import { ConfirmFingerprint } from '../fingerprint/ConfirmFingerprint';

function RegionParameters({ r }: { r: AirGapRegion }) {
  const titleId = `region-parameters-${r.region}`;
  return (
    <Box component="section" aria-labelledby={titleId} data-testid={`region-parameters-${r.region}`}>
      <Typography id={titleId} variant="h6" component="h4" sx={{ mb: 1 }}>
        {r.region}
      </Typography>
      <Stack spacing={2}>
        <Facts
          facts={[
            { label: 'Key ARN', value: r.keyArn, mono: true },
            { label: 'ParametersValidTo', value: formatInstant(r.parametersValidTo) },
            { label: 'Time left (this station’s clock)', value: <Countdown until={r.parametersValidTo} /> },
          ]}
        />
        <Fingerprint
          label={`Wrapping public key fingerprint — ${r.region}`}
          sha256={r.publicKeySha256}
          words={r.words}
          testId={`public-key-fingerprint-${r.region}`}
        />
        {r.fingerprintConfirmedBy.length > 0 && (
          <Alert severity="success" data-testid={`region-confirmed-${r.region}`}>
            Confirmed by {r.fingerprintConfirmedBy.join(', ')}.
          </Alert>
        )}
        <ConfirmFingerprint region={r.region} />
      </Stack>
    </Box>
  );
}

export function OtherRegionsParameters() {
  const regions = useUi((s) => s.session.airGapRegions);
  if (regions.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="other-regions-title" data-testid="other-regions-parameters">
      <Typography id="other-regions-title" variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        Other Regions of this multi-Region key
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 760 }}>
        Each Region has its own wrapping public key. A witness confirms each Region’s fingerprint against the
        online station’s; the same material is then wrapped for every Region (Wrapped bundle step).
      </Typography>
      <Stack spacing={3}>
        {regions.map((r) => (
          <RegionParameters key={r.region} r={r} />
        ))}
      </Stack>
    </Box>
  );
}
