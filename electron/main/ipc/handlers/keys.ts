import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

export const keySpecOptions =
  (ctx: MainContext): Handler<'keys:specOptions'> =>
  () => ({
    keySpecs: ctx.session.keySpecOptions(),
  });
export const listKeys =
  (ctx: MainContext): Handler<'keys:list'> =>
  () =>
    ctx.session.listKeys();
export const createKey =
  (ctx: MainContext): Handler<'keys:create'> =>
  (req) =>
    ctx.session.createKey(req);
export const describeKey =
  (ctx: MainContext): Handler<'keys:describe'> =>
  (req) =>
    ctx.session.describeKey(req.keyId);
export const setKeyEnabled =
  (ctx: MainContext): Handler<'keys:setEnabled'> =>
  (req) =>
    ctx.session.setKeyEnabled(req.keyId, req.enabled);
export const deleteImportedKeyMaterial =
  (ctx: MainContext): Handler<'keys:deleteMaterial'> =>
  (req) =>
    ctx.session.deleteImportedKeyMaterial(req.keyId, (q) => ctx.dialogs.confirm(q));
export const listKeyMaterials =
  (ctx: MainContext): Handler<'keys:materials'> =>
  async () => ({ materials: await ctx.session.keyMaterials() });
