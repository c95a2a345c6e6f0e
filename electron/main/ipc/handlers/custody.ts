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

/** A passphrase share waits for its custodian in the entry window; otherwise the backup is written at once. */
export const backUpMaterial =
  (ctx: MainContext): Handler<'custody:backup'> =>
  async (req) => {
    if (req.shares.some((r) => r.form === 'age-passphrase')) {
      await ctx.session.beginBackup(req);
      return ctx.session.state().custody;
    }
    const folder = await shareFolder(ctx, req.shares);
    if (folder === 'cancelled') return { cancelled: true as const };
    // No passphrase share here (see above); the map only tells the compiler so.
    const shares = req.shares.flatMap((r) => (r.form === 'age-passphrase' ? [] : [r]));
    await ctx.session.makeBackup({ ...req, shares }, folder, sheetPrinting(ctx));
    return ctx.session.state().custody;
  };

export const completeBackup =
  (ctx: MainContext): Handler<'custody:completeBackup'> =>
  async () => {
    ctx.session.checkBackupReady();
    const folder = await shareFolder(ctx, ctx.session.pendingBackupShares());
    if (folder === 'cancelled') return { cancelled: true as const };
    await ctx.session.completeBackup(folder, sheetPrinting(ctx));
    return ctx.session.state().custody;
  };

/**
 * Main's folder dialog for the shares that are files, or null when none is (sheets printed and not saved
 * never reach the disk). The title names every file, so a sheet saved by request (a renderer's choice) is
 * seen by the officers in main's own dialog.
 */
async function shareFolder(
  ctx: MainContext,
  shares: readonly { custodian: string | { display: string }; form: string; saveFile?: boolean }[],
): Promise<string | null | 'cancelled'> {
  const files = shares.flatMap((r) => {
    const who = typeof r.custodian === 'string' ? r.custodian : r.custodian.display;
    if (!writesFile(r)) return [];
    return [
      `${r.form === 'printed-sheet' || r.form === 'sheet-file' ? 'saved sheet' : 'age file'} for ${who}`,
    ];
  });
  if (files.length === 0) return null;
  const folder = await ctx.dialogs.chooseFolder({
    title: `Folder for the share files: ${files.join(', ')} (give each custodian only their own file)`,
  });
  return folder ?? 'cancelled';
}

const sheetPrinting = (ctx: MainContext) => {
  const printer = ctx.shareSheetPrinter;
  return (
    printer && { printer, confirm: (q: Parameters<typeof ctx.dialogs.confirm>[0]) => ctx.dialogs.confirm(q) }
  );
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

export const submitComponentFile =
  (ctx: MainContext): Handler<'entry:submitComponentFile'> =>
  async (req) => {
    ctx.session.checkComponentCustodian(req.custodian);
    const file = await ctx.dialogs.openFile({
      title: `${req.custodian}: choose your component file (on your own drive)`,
      filters: [
        { name: 'Component files', extensions: ['hex', 'txt', 'bin', 'key'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (!file) return { cancelled: true as const };
    return ctx.session.submitComponent({ custodian: req.custodian, checkValue: req.checkValue, file });
  };

export const submitBackupPassphrase =
  (ctx: MainContext): Handler<'entry:submitPassphrase'> =>
  (req) =>
    ctx.session.submitBackupPassphrase(req);

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
