/**
 * Deny-by-default rules shared by every window: no navigation, no new windows, no webviews,
 * no permissions, and IPC only from our own main frame at app://ceremony.
 */
import type { BrowserWindow, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './app-url';

export function isTrustedSender(event: IpcMainInvokeEvent, mainWindow: () => BrowserWindow | null): boolean {
  const win = mainWindow();
  const frame = event.senderFrame;
  if (!win || win.isDestroyed() || !frame) return false;
  if (event.sender !== win.webContents || frame !== event.sender.mainFrame) return false;
  try {
    // Node's URL gives origin "null" for custom schemes, so compare scheme and host instead.
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

export function lockDownWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // The renderer has no network at all: anything that is not our own app:// origin is cancelled.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !details.url.startsWith(`${APP_ORIGIN}/`) && !details.url.startsWith('devtools://') });
  });
}
