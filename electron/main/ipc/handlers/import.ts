import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';
import { requireImportTypeForCeremony } from './rotation';

export const getImportParameters =
  (ctx: MainContext): Handler<'params:get'> =>
  (req) =>
    ctx.session.getImportParameters(req.wrappingAlgorithm, req.wrappingKeySpec);

export const wrapKeyMaterial =
  (ctx: MainContext): Handler<'wrap:run'> =>
  () =>
    ctx.session.wrap();

export const saveImportFiles =
  (ctx: MainContext): Handler<'wrap:save'> =>
  async () => {
    const folder = await ctx.dialogs.chooseFolder({ title: 'Save import files to…' });
    if (!folder) return { cancelled: true as const };
    return ctx.session.saveImportFiles(folder);
  };

export const importKeyMaterial =
  (ctx: MainContext): Handler<'import:run'> =>
  ({ reimport, ...req }) => {
    requireImportTypeForCeremony(ctx, req);
    return ctx.session.importKeyMaterial(req, { reimport });
  };

export const requestImportApproval =
  (ctx: MainContext): Handler<'import:requestApproval'> =>
  (req) => {
    requireImportTypeForCeremony(ctx, req);
    return ctx.session.requestImportApproval(req);
  };

export const approveImport =
  (ctx: MainContext): Handler<'import:approve'> =>
  (req) =>
    ctx.session.approveImport(req);

export const verifyImport =
  (ctx: MainContext): Handler<'verify:run'> =>
  () =>
    ctx.session.verify();

export const sessionState =
  (ctx: MainContext): Handler<'session:state'> =>
  () =>
    ctx.session.state();
