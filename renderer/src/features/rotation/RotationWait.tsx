/**
 * The wait after RotateKeyOnDemand (issue 13): KMS rotates asynchronously, so the screen asks main for one
 * reading of CurrentKeyMaterialId every POLL_MS (rotation:progress) and says how long it has been and which
 * material is still current. When the new one is current, main's session is read again (completion recorded).
 */
import { Alert, AlertTitle, Box, LinearProgress, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { Res } from '../../../../electron/shared/ipc-contract';
import { refreshSession } from '../../actions';
import { ceremonyApi } from '../../api';
import { useUi } from '../../store';

const POLL_MS = 1_500;

export function RotationWait({ toKeyMaterialId }: { toKeyMaterialId: string }) {
  const [progress, setProgress] = useState<Res<'rotation:progress'> | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const r = await ceremonyApi()
        .rotationProgress({})
        .catch((e: unknown) => ({
          ok: false as const,
          error: { code: 'APP', message: String(e), hint: 'Restart the app; KMS goes on rotating.' },
        }));
      if (!live) return;
      if (!r.ok) {
        useUi.getState().setError('rotation', r.error);
        return;
      }
      setProgress(r.value);
      if (r.value.done) await refreshSession();
      else timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);

  return (
    <Alert severity="info" role="status" sx={{ mt: 3 }} data-testid="rotation-progress">
      <AlertTitle>KMS is rotating the key</AlertTitle>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {progress
          ? `${progress.elapsedSeconds} s since KMS accepted RotateKeyOnDemand (at ${progress.startedAt}); the current material is still ${progress.currentKeyMaterialId ?? '—'}.`
          : 'Asking KMS which material is current…'}{' '}
        KMS usually completes a rotation within a minute; this screen waits until {toKeyMaterialId} is
        current.
      </Typography>
      <Box sx={{ maxWidth: 480 }}>
        <LinearProgress aria-label="Waiting for KMS to complete the rotation" />
      </Box>
    </Alert>
  );
}
