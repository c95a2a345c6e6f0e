import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

const asSaved = (b: { path: string; files: { name: string; size: number; sha256: string }[] }) => ({
  folder: b.path,
  files: b.files,
});

export function pickParametersInput(ctx: MainContext, from: 'file' | 'folder') {
  return pickInput(ctx, from, 'Load import parameters (bundle, AWS console download or CLI JSON)');
}

async function pickInput(ctx: MainContext, from: 'file' | 'folder', title: string): Promise<string | null> {
  return from === 'folder'
    ? ctx.dialogs.chooseFolder({ title })
    : ctx.dialogs.openFile({
        title,
        filters: [
          { name: 'Bundle, console download or CLI JSON', extensions: ['zip', 'json', 'bin', 'pem', 'txt'] },
        ],
      });
}

export const exportParametersBundle =
  (ctx: MainContext): Handler<'bundle:exportParameters'> =>
  async () => {
    const folder = await ctx.dialogs.chooseFolder({
      title: 'Write the parameters bundle to… (removable media)',
    });
    if (!folder) return { cancelled: true as const };
    return asSaved(await ctx.session.exportParametersBundle(folder));
  };

export const loadParametersBundle =
  (ctx: MainContext): Handler<'bundle:loadParameters'> =>
  async (req) => {
    const path = await pickParametersInput(ctx, req.from);
    if (!path) return { cancelled: true as const };
    return ctx.session.loadParametersBundle({
      path,
      keySpec: req.keySpec,
      wrappingAlgorithm: req.wrappingAlgorithm,
    });
  };

export const exportWrappedBundle =
  (ctx: MainContext): Handler<'bundle:exportWrapped'> =>
  async () => {
    const folder = await ctx.dialogs.chooseFolder({
      title: 'Write the wrapped bundle to… (removable media)',
    });
    if (!folder) return { cancelled: true as const };
    return asSaved(await ctx.session.exportWrappedBundle(folder));
  };

export const loadWrappedBundle =
  (ctx: MainContext): Handler<'bundle:loadWrapped'> =>
  async (req) => {
    const input = await pickInput(ctx, req.from, 'Load the wrapped bundle');
    if (!input) return { cancelled: true as const };
    return ctx.session.loadWrappedBundle(input);
  };
