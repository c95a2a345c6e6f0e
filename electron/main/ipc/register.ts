/**
 * Wires the handler table into Electron's ipcMain. Every channel goes through the same door: the sender
 * check first (only our own main frame, served from app://), then `dispatch` (request and response parsed).
 * The custody entry window's channels (`entryChannels`) are accepted from that window only, every other
 * channel from the ceremony window only: each window can ask for its own things and nothing else.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channels, entryChannels } from '../../shared/channels';
import { dispatch, type HandlerTable } from './dispatch';

export type SenderCheck = (event: IpcMainInvokeEvent, window: 'ceremony' | 'custody-entry') => boolean;

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: HandlerTable,
  isTrusted: SenderCheck,
): void {
  for (const channel of [...Object.keys(channels), ...Object.keys(entryChannels)]) {
    const window = channel in entryChannels ? 'custody-entry' : 'ceremony';
    ipcMain.handle(channel, async (event, raw: unknown) => {
      if (!isTrusted(event, window)) {
        console.warn(`[ipc] ${channel}: call from an untrusted sender refused`);
        return {
          ok: false,
          error: {
            code: 'FORBIDDEN_SENDER',
            message: `This call did not come from the ${window === 'ceremony' ? 'ceremony' : 'custody entry'} window and was refused.`,
            hint: 'Each of the app’s own windows may ask the main process only for its own operations.',
          },
        };
      }
      return dispatch(handlers, channel, raw);
    });
  }
}
