/**
 * The multi-Region key's Regions as main reads them from KMS (`multiRegion:status`), re-read when main's
 * session moves on (a Region switched, an import or a proof done) and every second while a replica is
 * Creating, so the officers watch KMS finish creating it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError, MultiRegionStatus, Result } from '../../../../electron/shared/ipc-contract';
import { ceremonyApi } from '../../api';
import { useUi } from '../../store';

const POLL_MS = 1_000;

const read = () => ceremonyApi().multiRegionStatus({});

export function useRegionStatus() {
  const [status, setStatus] = useState<MultiRegionStatus | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  /** Since when this screen has seen a replica Creating, and for how many seconds (at the last read). */
  const [creating, setCreating] = useState<{ since: number; seconds: number } | null>(null);
  const moved = useUi((s) =>
    [s.session.multiRegion?.current, s.session.imported?.importedAt, s.session.verification?.passed].join(
      '|',
    ),
  );
  const alive = useRef(true);

  const apply = useCallback((r: Result<MultiRegionStatus>) => {
    if (!alive.current) return;
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setStatus(r.value);
    setError(null);
    const now = Date.now();
    const any = r.value.regions.some((x) => x.keyState === 'Creating');
    setCreating((c) =>
      any ? { since: c?.since ?? now, seconds: Math.round((now - (c?.since ?? now)) / 1000) } : null,
    );
  }, []);
  const refresh = useCallback(() => read().then(apply), [apply]);

  useEffect(() => {
    alive.current = true;
    void read().then(apply);
    return () => {
      alive.current = false;
    };
  }, [apply, moved]);

  const polling = creating !== null;
  useEffect(() => {
    if (!polling) return;
    const t = setInterval(() => void read().then(apply), POLL_MS);
    return () => clearInterval(t);
  }, [polling, apply]);

  return { status, error, refresh, creatingSeconds: creating?.seconds ?? null };
}
