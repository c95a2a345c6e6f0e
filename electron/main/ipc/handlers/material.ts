import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

export const generateKeyMaterial =
  (ctx: MainContext): Handler<'material:generate'> =>
  (req) =>
    ctx.session.generateKeyMaterial(req.replace);

/** The file dialog runs here, in main: the renderer never sees the path's bytes, only the result. */
export const loadKeyMaterial =
  (ctx: MainContext): Handler<'material:load'> =>
  async (req) => {
    const file = await ctx.dialogs.openFile({
      title: 'Load key material',
      filters: [
        { name: 'Key material', extensions: ['bin', 'key', 'der', 'pem', 'hex', 'b64', 'txt', 'p12', 'pfx'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (!file) return { cancelled: true as const };
    return ctx.session.loadKeyMaterial(file, req.format, req.passphrase, { replace: req.replace });
  };

export const clearKeyMaterial =
  (ctx: MainContext): Handler<'material:clear'> =>
  async () => {
    await ctx.session.clearKeyMaterial();
    return { ok: true };
  };
