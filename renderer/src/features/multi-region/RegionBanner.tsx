/** Above every step while a multi-Region ceremony works in a replica Region: which Region, which primary. */
import { Alert } from '@mui/material';
import { useUi } from '../../store';

export function RegionBanner() {
  const mr = useUi((s) => s.session.multiRegion);
  const offline = useUi((s) => s.session.wrapped?.fromOfflineStation === true);
  if (!mr || mr.current === mr.primaryRegion) return null;
  return (
    <Alert severity="info" sx={{ mb: 2 }} data-testid="region-banner">
      Multi-Region ceremony: these steps act in the replica Region <strong>{mr.current}</strong> (primary in{' '}
      {mr.primaryRegion}) —{' '}
      {offline
        ? 'the same material, wrapped on the offline station for this Region’s own parameters (from the wrapped bundle): its approval, import and proof.'
        : 'its own parameters, fingerprint, wrap, approval and import, with the same material.'}
    </Alert>
  );
}
