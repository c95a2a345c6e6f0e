/** Finish: the per-Region results of a multi-Region ceremony, read from KMS (what the record lists too). */
import { Box, Typography } from '@mui/material';
import { RegionStatusTable } from './RegionStatusTable';
import { sameMaterial } from './region-results';
import { useRegionStatus } from './useRegionStatus';

export function RegionResults() {
  const { status } = useRegionStatus();
  if (!status) return null;
  const same = sameMaterial(status);
  return (
    <Box component="section" aria-labelledby="region-results-title" sx={{ mt: 3 }}>
      <Typography id="region-results-title" component="h3" variant="h6" sx={{ mb: 1 }}>
        Per-Region results
      </Typography>
      <RegionStatusTable status={status} testId="finish-regions" />
      <Typography variant="body2" sx={{ mt: 1 }} data-testid="finish-same-material">
        {same.allDone && same.identical
          ? `Identical KeyMaterialId ${same.id} in all ${status.regions.length} Regions.`
          : `Not every Region is done: ${status.regions
              .filter((r) => !r.done)
              .map((r) => r.region)
              .join(
                ', ',
              )} ${same.identical ? 'still need' : 'hold different material or still need'} the material.`}
      </Typography>
    </Box>
  );
}
