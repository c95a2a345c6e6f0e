/**
 * A multi-Region key across the air gap from the app (core/ceremony/multi-region/air-gap-app.ts and
 * air-gap-regions.ts): the renderer names a Region, main checks it against the selected key and KMS (online)
 * or against the parameters bundle (offline), and against the policy table (parameters.get, wrap). The
 * online import per Region goes through `multiRegion:useRegion` (./multi-region.ts), which continues with
 * the wrapped bundle's material when the bundle carried that Region.
 */
import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

export const fetchRegionParameters =
  (ctx: MainContext): Handler<'airGap:fetchRegion'> =>
  (req) =>
    ctx.session.fetchRegionParameters(req.region);

export const confirmRegionFingerprint =
  (ctx: MainContext): Handler<'airGap:confirmRegionFingerprint'> =>
  ({ region, ...req }) =>
    ctx.session.confirmRegionFingerprint(region, req);

export const wrapForOtherRegions =
  (ctx: MainContext): Handler<'airGap:wrapRegions'> =>
  () =>
    ctx.session.wrapOtherRegions();
