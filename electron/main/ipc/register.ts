/**
 * Wires the handler table into Electron's ipcMain. Every channel goes through the same door: the sender
 * check first (only our own main frame, served from app://), then `dispatch` (request and response parsed).
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channels } from '../../shared/channels';
import { dispatch, type HandlerTable } from './dispatch';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: HandlerTable,
  isTrusted: SenderCheck,
): void {
  for (const channel of Object.keys(channels)) {
    ipcMain.handle(channel, async (event, raw: unknown) => {
      if (!isTrusted(event)) {
        console.warn(`[ipc] ${channel}: call from an untrusted sender refused`);
        return {
          ok: false,
          error: {
            code: 'FORBIDDEN_SENDER',
            message: 'This call did not come from the ceremony window and was refused.',
            hint: 'Only the app’s own window may ask the main process for anything.',
          },
        };
      }
      return dispatch(handlers, channel, raw);
    });
  }
}
