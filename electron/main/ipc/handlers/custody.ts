/**
 * Custody (issue 11). The wizard's handlers name custodians, back up, combine and restore; the entry
 * window's handlers (`entry:*`, accepted from that window only, see ../register.ts) carry each custodian's
 * component or share straight into the session, which holds it in wiped buffers. File dialogs run here.
 */
import { writesFile } from '../../../core/ceremony/steps/backup';
import type { MainContext } from '../../context';
import type { Handler } from '../dispatch';

export const beginComponents =
  (ctx: MainContext): Handler<'custody:beginComponents'> =>
  async (req) => {
    await ctx.session.beginComponents(req);
    return ctx.session.state().custody;
  };

export const combineComponents =
  (ctx: MainContext): Handler<'custody:combineComponents'> =>
  () =>
    ctx.session.combineComponents();

export const backUpMaterial =
  (ctx: MainContext): Handler<'custody:backup'> =>
  async (req) => {
    // Sheets printed and not saved need no folder: nothing of them reaches the disk. The title names every
    // file, so a sheet saved by request (a renderer's choice) is seen by the officers in main's own dialog.
    const files = req.shares.flatMap((r) =>
      writesFile(r) ? [`${r.form === 'printed-sheet' ? 'saved sheet' : 'age file'} for ${r.custodian}`] : [],
    );
    let folder: string | null = null;
    if (files.length > 0) {
      folder = await ctx.dialogs.chooseFolder({
        title: `Folder for the share files: ${files.join(', ')} (give each custodian only their own file)`,
      });
      if (!folder) return { cancelled: true as const };
    }
    const printer = ctx.shareSheetPrinter;
    await ctx.session.makeBackup(req, folder, printer && { printer, confirm: (q) => ctx.dialogs.confirm(q) });
    return ctx.session.state().custody;
  };

export const beginRestore =
  (ctx: MainContext): Handler<'custody:beginRestore'> =>
  async (req) => {
    await ctx.session.beginRestore(req);
    return ctx.session.state().custody;
  };

export const restoreFromShares =
  (ctx: MainContext): Handler<'custody:restore'> =>
  () =>
    ctx.session.restoreFromShares();

export const cancelCustodyEntry =
  (ctx: MainContext): Handler<'custody:cancel'> =>
  async () => {
    await ctx.session.cancelCustodyEntry();
    return { ok: true as const };
  };

export const openCustodyEntry =
  (ctx: MainContext): Handler<'custody:openEntry'> =>
  () => {
    ctx.openCustodyEntry?.();
    return { ok: true as const };
  };

// ── the entry window ──

export const entryStatus =
  (ctx: MainContext): Handler<'entry:status'> =>
  () =>
    ctx.session.state().custody;

export const submitComponent =
  (ctx: MainContext): Handler<'entry:submitComponent'> =>
  (req) =>
    ctx.session.submitComponent({ custodian: req.custodian, checkValue: req.checkValue, hex: req.component });

export const submitShareText =
  (ctx: MainContext): Handler<'entry:submitShareText'> =>
  (req) =>
    ctx.session.submitShare({ custodian: req.custodian, text: req.text });

export const submitShareFile =
  (ctx: MainContext): Handler<'entry:submitShareFile'> =>
  async (req) => {
    const ageFile = await ctx.dialogs.openFile({
      title: `${req.custodian}: choose your share file (.age)`,
      filters: [
        { name: 'age share files', extensions: ['age'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (!ageFile) return { cancelled: true as const };
    return ctx.session.submitShare({ custodian: req.custodian, ageFile, unlock: req.unlock });
  };
