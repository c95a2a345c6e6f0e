/**
 * The multi-Region ceremony from the app (core/ceremony/multi-region/): the renderer names Regions, never
 * endpoints; main checks them against the policy table (rows region.replicate, region.select) and against
 * KMS (a Region must be a replica of the selected primary before the steps act there), asks natively
 * before ReplicateKey, and reads each Region's status from KMS so an interrupted ceremony resumes.
 */
import { AppError } from '../../../core/errors';
import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

export const multiRegionStatus =
  (ctx: MainContext): Handler<'multiRegion:status'> =>
  async () => {
    const regions = await ctx.session.multiRegionStatus();
    const mr = ctx.session.state().multiRegion;
    if (!mr)
      throw new AppError(
        'NOT_MULTI_REGION',
        'No multi-Region key is selected.',
        'Pick the primary key first.',
      );
    return { ...mr, regions };
  };

export const replicateToRegions =
  (ctx: MainContext): Handler<'multiRegion:replicate'> =>
  (req) =>
    ctx.session.replicateConfirmed(req.regions, (q) => ctx.dialogs.confirm(q));

/** With the wrapped bundle's material for this Region when the bundle carried it (the air gap). */
export const useRegion =
  (ctx: MainContext): Handler<'multiRegion:useRegion'> =>
  (req) =>
    ctx.session.continueInRegion(req.region);

export const proveRegion =
  (ctx: MainContext): Handler<'multiRegion:prove'> =>
  () =>
    ctx.session.proveRegion();
