import {
  abortInterrupted,
  exportPublicKey,
  listInterrupted,
  verifyTranscriptFile,
  viewTranscript,
  vouchedSegmentKeys,
} from '../../../core/ceremony/audit';
import type { MainContext } from '../../context';
import { pickParametersInput } from './bundles';
import type { Handler } from '../dispatch';

export const listInterruptedCeremonies =
  (ctx: MainContext): Handler<'ceremony:interrupted'> =>
  async () => ({ ceremonies: await listInterrupted(ctx.station.transcriptsDir) });

export const abortInterruptedCeremony =
  (ctx: MainContext): Handler<'ceremony:abortInterrupted'> =>
  async (req) => {
    await abortInterrupted(ctx.station.transcriptsDir, req.ceremonyId, req.reason, await ctx.station.key());
    return { ok: true };
  };

/** The offline station starts from the import parameters; the file dialog for them runs here, in main. */
export const startCeremony =
  (ctx: MainContext): Handler<'ceremony:start'> =>
  async ({ parameters, ...req }) => {
    if (!parameters) {
      const started = await ctx.session.startCeremony({ ...req, parametersInput: null });
      // The Connect step opens next; the emulator (the default target) starts while the officer reads it.
      if (req.station === 'online') ctx.warmEmulator?.();
      return started;
    }
    const path = await pickParametersInput(ctx, parameters.from);
    if (!path) return { cancelled: true as const };
    return ctx.session.startCeremony({ ...req, parametersInput: { ...parameters, path } });
  };

export const finishCeremony =
  (ctx: MainContext): Handler<'ceremony:finish'> =>
  (req) =>
    ctx.session.finishCeremony(req.outcome, req.reason);

export const confirmFingerprint =
  (ctx: MainContext): Handler<'ceremony:confirmFingerprint'> =>
  (req) =>
    ctx.session.confirmFingerprint(req);

export const viewCurrentTranscript =
  (ctx: MainContext): Handler<'transcript:view'> =>
  async () => {
    const text = await ctx.session.transcriptText();
    // Own key pinned; offline segments trusted through the merge events this key signed.
    const own = await ctx.station.key();
    return viewTranscript(text, [own.publicKeyPem, ...vouchedSegmentKeys(text, own.keyId)]);
  };

/** For auditors: any transcript file, checked against this station's key and any .pem keys picked next. */
export const verifyTranscriptFileHandler =
  (ctx: MainContext): Handler<'transcript:verifyFile'> =>
  async () => {
    const file = await ctx.dialogs.openFile({
      title: 'Verify a transcript',
      filters: [{ name: 'Transcript', extensions: ['jsonl'] }],
    });
    if (!file) return { cancelled: true as const };
    const own = await ctx.station.key();
    return verifyTranscriptFile(file, [own.publicKeyPath]);
  };

export const exportStationPublicKey =
  (ctx: MainContext): Handler<'station:exportPublicKey'> =>
  async () => {
    const folder = await ctx.dialogs.chooseFolder({ title: 'Export this station’s public key to…' });
    if (!folder) return { cancelled: true as const };
    return exportPublicKey(folder, await ctx.station.key());
  };
