/**
 * The expiry planner from the app (core/lifecycle/): read-only, against the embedded emulator or an AWS
 * profile, in the Regions the officers name. The last plan stays in main; exporting writes that plan, in
 * the format asked, into a folder main's dialog chose (the renderer never names a path).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { keysWithBackup } from '../../../core/lifecycle/backup-records';
import { expiryCalendar } from '../../../core/lifecycle/expiry-calendar';
import { expiryCsv, expiryJson } from '../../../core/lifecycle/expiry-formats';
import { planExpiry as plan, type ExpiryPlan } from '../../../core/lifecycle/expiry-planner';
import { awsSources, emulatorSources, regionList } from '../../../core/lifecycle/planner-sources';
import { AppError } from '../../../core/errors';
import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

const lastPlans = new WeakMap<MainContext, ExpiryPlan>();

export const planExpiry =
  (ctx: MainContext): Handler<'expiry:plan'> =>
  async (req) => {
    const regions = regionList(req.regions);
    const sources =
      req.target === 'emulator'
        ? emulatorSources((await ctx.session.emulatorEndpoint()).endpoint, regions)
        : awsSources([req.profile], regions, ctx.env ?? process.env);
    const result = await plan(sources, { backedUpKeyIds: await keysWithBackup(ctx.station.transcriptsDir) });
    lastPlans.set(ctx, result);
    return result;
  };

const WRITERS = { ics: expiryCalendar, csv: expiryCsv, json: expiryJson } as const;

export const exportExpiryPlan =
  (ctx: MainContext): Handler<'expiry:export'> =>
  async (req) => {
    const last = lastPlans.get(ctx);
    if (!last)
      throw new AppError('NO_PLAN', 'There is no expiry plan to save yet.', 'List the key material first.');
    const folder = await ctx.dialogs.chooseFolder({ title: `Save the expiry plan (.${req.format})` });
    if (!folder) return { cancelled: true as const };
    const text = WRITERS[req.format](last);
    const stem = `kms-expiry-${last.generatedAt.slice(0, 10)}`;
    for (let n = 1; n < 100; n += 1) {
      const file = path.join(folder, `${stem}${n > 1 ? `-${n}` : ''}.${req.format}`);
      try {
        await writeFile(file, text, { flag: 'wx' }); // never overwrite an earlier plan
        return { path: file };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new AppError(
      'FILE_EXISTS',
      `${folder} already holds 99 plans named ${stem}.`,
      'Choose another folder.',
    );
  };
