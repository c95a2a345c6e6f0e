import { describe, expect, it } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent, Session } from 'electron';
import { isTrustedSender, lockDownSession } from '../../../electron/main/security';

function windowWith(url: string) {
  const mainFrame = { url };
  const webContents = { mainFrame };
  const win = { webContents, isDestroyed: () => false } as unknown as BrowserWindow;
  return { win, webContents, mainFrame };
}

describe('isTrustedSender', () => {
  it('accepts the main frame of our window at app://ceremony', () => {
    const { win, webContents, mainFrame } = windowWith('app://ceremony/index.html');
    const event = { sender: webContents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
    expect(isTrustedSender(event, () => win)).toBe(true);
  });

  it.each([
    [
      'another web contents',
      (w: ReturnType<typeof windowWith>) => ({ sender: {}, senderFrame: w.mainFrame }),
    ],
    [
      'a sub-frame',
      (w: ReturnType<typeof windowWith>) => ({
        sender: w.webContents,
        senderFrame: { url: 'app://ceremony/x' },
      }),
    ],
    ['no frame', (w: ReturnType<typeof windowWith>) => ({ sender: w.webContents, senderFrame: null })],
  ])('refuses %s', (_name, make) => {
    const w = windowWith('app://ceremony/index.html');
    expect(isTrustedSender(make(w) as unknown as IpcMainInvokeEvent, () => w.win)).toBe(false);
  });

  it('refuses our own frame once it shows a foreign origin', () => {
    const { win, webContents, mainFrame } = windowWith('https://evil.example/');
    const event = { sender: webContents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
    expect(isTrustedSender(event, () => win)).toBe(false);
  });
});

describe('lockDownSession', () => {
  it('denies every permission and cancels every request outside app://ceremony', () => {
    const seen: Record<string, unknown> = {};
    const session = {
      setPermissionRequestHandler: (fn: unknown) => (seen.request = fn),
      setPermissionCheckHandler: (fn: unknown) => (seen.check = fn),
      setDevicePermissionHandler: (fn: unknown) => (seen.device = fn),
      webRequest: { onBeforeRequest: (fn: unknown) => (seen.web = fn) },
    } as unknown as Session;
    lockDownSession(session);
    let granted: boolean | undefined;
    (seen.request as (c: unknown, p: string, cb: (ok: boolean) => void) => void)(
      {},
      'media',
      (ok) => (granted = ok),
    );
    expect(granted).toBe(false);
    expect((seen.check as () => boolean)()).toBe(false);
    expect((seen.device as () => boolean)()).toBe(false);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      (seen.web as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)(
        { url },
        (r) => (cancel = r.cancel),
      );
      return cancel;
    };
    expect(decide('https://kms.us-east-1.amazonaws.com/')).toBe(true);
    expect(decide('app://ceremony/index.html')).toBe(false);
  });
});
