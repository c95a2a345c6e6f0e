/**
 * A multi-Region rotation's Regions as main reads them from KMS (`rotation:regions`): re-read when main's
 * session moves on (a Region switched, an import done, the rotation started or completed), so the table
 * always says which Regions hold the new material — also after an interruption.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError, Result, RotationRegionsView } from '../../../../electron/shared/ipc-contract';
import { ceremonyApi } from '../../api';
import { useUi } from '../../store';

const read = () => ceremonyApi().rotationRegions({});

export function useRotationRegions(enabled: boolean) {
  const [status, setStatus] = useState<RotationRegionsView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const moved = useUi((s) =>
    [
      s.session.multiRegion?.current,
      s.session.imported?.importedAt,
      s.session.rotation?.started?.at,
      s.session.rotation?.completedAt,
    ].join('|'),
  );
  const alive = useRef(true);
  const apply = useCallback((r: Result<RotationRegionsView>) => {
    if (!alive.current) return;
    if (r.ok) {
      setStatus(r.value);
      setError(null);
    } else setError(r.error);
  }, []);
  const refresh = useCallback(() => read().then(apply), [apply]);

  useEffect(() => {
    alive.current = true;
    if (enabled) void read().then(apply);
    return () => {
      alive.current = false;
    };
  }, [apply, moved, enabled]);

  return { status, error, refresh };
}
