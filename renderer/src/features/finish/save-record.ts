/** Saves the record of a closed ceremony (main reads its own transcript and asks where to save). */
import { runAction } from '../../actions';

export async function saveClosedRecord(
  scope: string,
  ceremonyId: string,
  station: 'online' | 'offline',
): Promise<string[] | null> {
  const r = await runAction(
    {
      scope,
      action: scope === 'finished' ? 'Save the ceremony record…' : `Save record of ${ceremonyId}…`,
      progress: 'Waiting for a folder, then writing the record (HTML, PDF, JSON)…',
    },
    (api) => api.exportClosedRecord({ ceremonyId, station }),
    { refresh: false },
  );
  return r && !('cancelled' in r) ? r.files : null;
}
