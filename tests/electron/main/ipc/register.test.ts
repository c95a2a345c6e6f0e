import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { registerIpc } from '../../../../electron/main/ipc/register';
import { createHandlers } from '../../../../electron/main/ipc/handlers/index';
import { channels, entryChannels } from '../../../../electron/shared/channels';
import { testContext } from '../../helpers/main-context';

type Listener = (event: IpcMainInvokeEvent, raw: unknown) => Promise<unknown>;

function setup(trusted: boolean | 'ceremony' | 'custody-entry') {
  const registered = new Map<string, Listener>();
  const ipcMain = { handle: (channel: string, fn: Listener) => void registered.set(channel, fn) };
  const handlers = createHandlers(testContext({ runtime: 'electron', electronVersion: '45.0.0' }));
  registerIpc(ipcMain as never, handlers, (_event, window) =>
    typeof trusted === 'boolean' ? trusted : trusted === window,
  );
  return registered;
}

describe('registerIpc', () => {
  it('registers exactly the contract channels', () => {
    expect([...setup(true).keys()].sort()).toEqual(
      [...Object.keys(channels), ...Object.keys(entryChannels)].sort(),
    );
  });

  it('takes custody entry calls from the entry window only, and wizard calls from the ceremony window only', async () => {
    const fromWizard = setup('ceremony');
    const refused = { ok: false, error: expect.objectContaining({ code: 'FORBIDDEN_SENDER' }) };
    expect(await fromWizard.get('entry:status')!({} as IpcMainInvokeEvent, {})).toEqual(refused);
    expect(await fromWizard.get('app:info')!({} as IpcMainInvokeEvent, {})).toMatchObject({ ok: true });
    const fromEntry = setup('custody-entry');
    expect(await fromEntry.get('app:info')!({} as IpcMainInvokeEvent, {})).toEqual(refused);
    expect(await fromEntry.get('entry:status')!({} as IpcMainInvokeEvent, {})).toMatchObject({
      ok: true,
      value: { entry: null, backups: [] },
    });
  });

  it('rejects a call from a foreign sender before running anything', async () => {
    const result = await setup(false).get('app:info')!({} as IpcMainInvokeEvent, {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN_SENDER' }) });
  });

  it('runs the handler for the trusted window', async () => {
    const result = await setup(true).get('app:info')!({} as IpcMainInvokeEvent, {});
    expect(result).toMatchObject({
      ok: true,
      value: { runtime: 'electron', versions: { electron: '45.0.0' } },
    });
  });
});
