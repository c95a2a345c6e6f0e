/**
 * The key's materials as KMS lists them (ListKeyRotations, ALL_KEY_MATERIAL): which is CURRENT, which are
 * older (NON_CURRENT, still decrypting their data), which waits for a rotation, and when each expires.
 * Read-only; symmetric keys only (HMAC and asymmetric keys keep one material for life).
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
import { useEffect, useState } from 'react';
import type { KeyDescription, KeyMaterialEntry } from '../../../../electron/shared/ipc-contract';
import { call, ceremonyApi, CallError } from '../../api';
import { formatInstant } from '../../time';

const STATE_TEXT: Record<string, string> = {
  CURRENT: 'Current',
  NON_CURRENT: 'Previous (decrypts older data)',
  PENDING_ROTATION: 'Waiting for rotation',
  PENDING_MULTI_REGION_IMPORT_AND_ROTATION: 'Waiting for every replica',
};

export function KeyMaterials({ keyDescription: k }: { keyDescription: KeyDescription }) {
  const [materials, setMaterials] = useState<KeyMaterialEntry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call(ceremonyApi().listKeyMaterials({}))
      .then((r) => live && setMaterials(r.materials))
      .catch((e: unknown) => live && setProblem(e instanceof CallError ? e.error.message : String(e)));
    return () => {
      live = false;
    };
  }, [k.arn, k.keyState, k.currentKeyMaterialId]);

  return (
    <Box component="section" aria-labelledby="key-materials-title" sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h4" id="key-materials-title" sx={{ mb: 1 }}>
        Key materials
      </Typography>
      {problem && (
        <Typography color="error" role="alert">
          {problem}
        </Typography>
      )}
      {materials?.length === 0 && (
        <Typography color="text.secondary">No key material has been imported into this key yet.</Typography>
      )}
      {materials && materials.length > 0 && (
        <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Table size="small" aria-labelledby="key-materials-title" data-testid="key-materials">
            <TableHead>
              <TableRow>
                <TableCell>KeyMaterialId</TableCell>
                <TableCell>State</TableCell>
                <TableCell>Import state</TableCell>
                <TableCell>Expires (ValidTo)</TableCell>
                <TableCell>Rotation</TableCell>
                <TableCell>Description</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {materials.map((m) => (
                <TableRow key={m.keyMaterialId}>
                  <TableCell sx={{ fontFamily: 'var(--mono)', fontSize: 13, wordBreak: 'break-all' }}>
                    {m.keyMaterialId}
                  </TableCell>
                  <TableCell>{STATE_TEXT[m.keyMaterialState ?? ''] ?? m.keyMaterialState ?? '—'}</TableCell>
                  <TableCell>
                    {m.importState === 'IMPORTED' ? 'Imported' : 'Not imported (reimport needed)'}
                  </TableCell>
                  <TableCell>
                    {m.validTo
                      ? formatInstant(m.validTo)
                      : m.importState === 'IMPORTED'
                        ? 'Does not expire'
                        : '—'}
                  </TableCell>
                  <TableCell>
                    {m.rotationDate
                      ? `${m.rotationType ?? ''} ${formatInstant(m.rotationDate)}`.trim()
                      : m.keyMaterialState?.startsWith('PENDING_')
                        ? 'Not rotated yet'
                        : 'First material'}
                  </TableCell>
                  <TableCell>{m.description ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Box>
  );
}
