import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { registerIpc } from '../../../../electron/main/ipc/register';
import { createHandlers } from '../../../../electron/main/ipc/handlers/index';
import { channels } from '../../../../electron/shared/channels';
import { testContext } from '../../helpers/main-context';

type Listener = (event: IpcMainInvokeEvent, raw: unknown) => Promise<unknown>;

function setup(trusted: boolean) {
  const registered = new Map<string, Listener>();
  const ipcMain = { handle: (channel: string, fn: Listener) => void registered.set(channel, fn) };
  const handlers = createHandlers(testContext({ runtime: 'electron', electronVersion: '45.0.0' }));
  registerIpc(ipcMain as never, handlers, () => trusted);
  return registered;
}

describe('registerIpc', () => {
  it('registers exactly the contract channels', () => {
    expect([...setup(true).keys()].sort()).toEqual(Object.keys(channels).sort());
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
