/** Every change made to a file copied badly (CRLF, base64, BOM…): what, and its size and SHA-256 before and after. */
import { Alert, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import type { FileFix } from '../../../../electron/shared/ipc-contract';
import { formatHash } from '../../../../electron/shared/display/hash-format';

const mono = { fontFamily: 'var(--mono)', fontSize: 12, wordBreak: 'break-all' } as const;

export function FixesTable({ fixes }: { fixes: FileFix[] }) {
  if (fixes.length === 0)
    return (
      <Alert severity="success" data-testid="parameters-fixes" data-count={0}>
        Every file was read exactly as written: no normalisation was needed.
      </Alert>
    );
  return (
    <Alert severity="warning" data-testid="parameters-fixes" data-count={fixes.length} icon={false}>
      <strong>
        {fixes.length} fix{fixes.length > 1 ? 'es' : ''} made to files that were changed on the way (for
        example by a Windows copy). The fixed bytes are what the fingerprint above is computed from.
      </strong>
      <TableContainer sx={{ mt: 1 }}>
        <Table size="small" aria-label="Normalisation fixes">
          <TableHead>
            <TableRow>
              {['File', 'Fix', 'Before', 'After'].map((h) => (
                <TableCell key={h} sx={{ fontWeight: 600 }}>
                  {h}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {fixes.map((f, i) => (
              <TableRow key={`${f.file}-${i}`}>
                <TableCell sx={mono}>{f.file}</TableCell>
                <TableCell>{f.what}</TableCell>
                <TableCell sx={mono}>
                  {f.before.size} bytes
                  <br />
                  {formatHash(f.before.sha256)}
                </TableCell>
                <TableCell sx={mono}>
                  {f.after.size} bytes
                  <br />
                  {formatHash(f.after.sha256)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Alert>
  );
}
