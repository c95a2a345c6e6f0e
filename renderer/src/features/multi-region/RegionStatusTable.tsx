/**
 * Per Region: its role, KeyState, KeyMaterialId and result (done / creating / pending / failed with the
 * reason), with the action that continues the ceremony there. Read from KMS, so a resumed ceremony shows
 * which Regions are already done.
 */
import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { MultiRegionStatus } from '../../../../electron/shared/ipc-contract';
import { ActionButton } from '../../components/ActionButton';
import { regionResult, type RegionRow } from './region-results';

export function RegionStatusTable({
  status,
  onContinue,
  testId = 'region-status',
}: {
  status: MultiRegionStatus;
  /** Omitted where the table is only a summary (Finish). */
  onContinue?: (region: string) => void;
  testId?: string;
}) {
  const action = (r: RegionRow) => {
    if (!onContinue || r.done || r.keyState === 'Creating' || r.keyState === 'none') return null;
    if (r.region === status.current) return <Typography variant="body2">Working here now</Typography>;
    return (
      <ActionButton
        size="small"
        variant="outlined"
        label={`Import into ${r.region}`}
        onClick={() => onContinue(r.region)}
      />
    );
  };
  return (
    <TableContainer>
      <Table size="small" data-testid={testId}>
        <caption>
          Regions of {status.keyId}: primary in {status.primaryRegion}; the steps act in {status.current} now.
        </caption>
        <TableHead>
          <TableRow>
            <TableCell scope="col">Region</TableCell>
            <TableCell scope="col">Role</TableCell>
            <TableCell scope="col">KeyState</TableCell>
            <TableCell scope="col">KeyMaterialId</TableCell>
            <TableCell scope="col">Result</TableCell>
            {onContinue && <TableCell scope="col">Next</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {status.regions.map((r) => {
            const result = regionResult(r);
            return (
              <TableRow key={r.region} data-region={r.region} data-result={result.kind}>
                <TableCell component="th" scope="row">
                  {r.region}
                </TableCell>
                <TableCell>{r.role === 'PRIMARY' ? 'Primary' : 'Replica'}</TableCell>
                <TableCell>{r.keyState === 'none' ? '—' : r.keyState}</TableCell>
                <TableCell sx={{ fontFamily: 'var(--mono)', wordBreak: 'break-all', fontSize: 12 }}>
                  {r.keyMaterialId ?? '—'}
                </TableCell>
                <TableCell sx={{ fontWeight: result.kind === 'pending' ? 400 : 600 }}>
                  {result.text}
                </TableCell>
                {onContinue && <TableCell>{action(r)}</TableCell>}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
