/** Closed ceremonies and their records (Finish step, and the start screen for a ceremony closed earlier). */
import { exportClosedRecord, listClosedCeremonies } from '../../../core/ceremony/closed-ceremonies';
import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

export const listClosed =
  (ctx: MainContext): Handler<'ceremony:closed'> =>
  async () => ({ ceremonies: await listClosedCeremonies(ctx.station.transcriptsDir) });

/** The renderer names the ceremony; main reads its own transcript of it and asks natively where to save. */
export const exportClosed =
  (ctx: MainContext): Handler<'record:exportClosed'> =>
  async ({ ceremonyId, station }) => {
    const folder = await ctx.dialogs.chooseFolder({ title: `Save the record of ceremony ${ceremonyId} to…` });
    if (!folder) return { cancelled: true as const };
    return exportClosedRecord({
      dir: ctx.station.transcriptsDir,
      ceremonyId,
      station,
      folder,
      stationKey: await ctx.station.key(),
    });
  };
