/** The one BrowserWindow. Security settings are literals here so a reviewer (and a test) can read them. */
import { BrowserWindow, app } from 'electron';
import path from 'node:path';
import { APP_ENTRY } from './app-url';
import { lockDownWebContents } from './security';

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 860,
    minWidth: 900,
    minHeight: 640,
    show: false,
    title: 'KMS Key Ceremony',
    icon: path.join(app.getAppPath(), 'assets', 'icon.png'),
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click would otherwise open links in new windows (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  lockDownWebContents(win.webContents);
  // Ceremony screens show fingerprints and check values: keep them out of screen recordings.
  win.setContentProtection(true);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}
