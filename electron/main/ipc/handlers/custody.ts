/**
 * Custody (issue 11). The wizard's handlers name custodians, back up, combine and restore; the entry
 * window's handlers (`entry:*`, accepted from that window only, see ../register.ts) carry each custodian's
 * component or share straight into the session, which holds it in wiped buffers. File dialogs run here.
 */
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
    const folder = await chooseShareFolder(ctx);
    if (!folder) return { cancelled: true as const };
    // No passphrase share here (see above); the map only tells the compiler so.
    const shares = req.shares.flatMap((r) => (r.form === 'age-passphrase' ? [] : [r]));
    await ctx.session.makeBackup({ ...req, shares }, folder);
    return ctx.session.state().custody;
  };

export const completeBackup =
  (ctx: MainContext): Handler<'custody:completeBackup'> =>
  async () => {
    ctx.session.checkBackupReady();
    const folder = await chooseShareFolder(ctx);
    if (!folder) return { cancelled: true as const };
    await ctx.session.completeBackup(folder);
    return ctx.session.state().custody;
  };

const chooseShareFolder = (ctx: MainContext) =>
  ctx.dialogs.chooseFolder({
    title: 'Folder for the share files (one per custodian; give each custodian their own file)',
  });

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
