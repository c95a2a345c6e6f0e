/**
 * The ceremony window and the custody entry window. Security settings are literals here, in each window, so
 * a reviewer, Electronegativity and a test can read them.
 */
import { BrowserWindow, app } from 'electron';
import path from 'node:path';
import { APP_ENTRY, CUSTODY_ENTRY } from './app-url';
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

/**
 * The custody entry window (issue 11): custodians type their component or share here, so the ceremony
 * wizard's renderer never holds one. Its own preload exposes only the entry calls; no navigation; content
 * protection on (kept out of screen recordings and screenshots).
 */
export function createCustodyEntryWindow(preloadPath: string, parent: BrowserWindow | null): BrowserWindow {
  const win = new BrowserWindow({
    width: 720,
    height: 640,
    parent: parent ?? undefined,
    show: false,
    title: 'Custodian entry — KMS Key Ceremony',
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
  win.setContentProtection(true);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(CUSTODY_ENTRY);
  return win;
}
