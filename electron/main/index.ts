/** App lifecycle only: harden, serve the renderer, register IPC, open the one window. */
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import path from 'node:path';
import { runSelfTests } from '../core/crypto';
import { APP_SCHEME } from './app-url';
import { electronDialogs } from './dialogs';
import { createHandlers } from './ipc/handlers/index';
import { registerIpc } from './ipc/register';
import { serveRendererFile } from './protocol';
import { electronShareSheetPrinter } from './share-sheet-print-window';
import { createStationServices } from './services';
import { isTrustedSender, lockDownSession, lockDownWebContents } from './security';
import { createCustodyEntryWindow, createMainWindow } from './windows';

app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
  },
]);
// One ceremony window at a time: a second instance would race on the transcript and the emulator store.
if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | null = null;
const getMainWindow = () => mainWindow;
let entryWindow: BrowserWindow | null = null;
const getEntryWindow = () => entryWindow;

app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
app.on('second-instance', () => mainWindow?.focus());
app.on('window-all-closed', () => app.quit());

const services = createStationServices(app.getPath('userData'));
app.on('will-quit', () => void services.close());

void app.whenReady().then(() => {
  const outDir = path.join(__dirname, '..');
  const rendererDir = path.join(outDir, 'renderer');
  lockDownSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveRendererFile(rendererDir, request.url));
  // Known-answer tests before anything else: a failure refuses wrapping and shows a banner.
  void runSelfTests();
  const handlers = createHandlers({
    runtime: 'electron',
    appName: app.getName(),
    appVersion: app.getVersion(),
    electronVersion: process.versions.electron ?? null,
    dialogs: electronDialogs(getMainWindow),
    session: services.session,
    station: services.station,
    warmEmulator: () => services.emulator.warm(),
    openCustodyEntry: () => {
      if (entryWindow && !entryWindow.isDestroyed()) return entryWindow.focus();
      entryWindow = createCustodyEntryWindow(path.join(outDir, 'preload', 'entry.cjs'), mainWindow);
      entryWindow.on('closed', () => (entryWindow = null));
    },
    shareSheetPrinter: electronShareSheetPrinter(getMainWindow),
  });
  registerIpc(ipcMain, handlers, (event, window) =>
    isTrustedSender(event, window === 'ceremony' ? getMainWindow : getEntryWindow),
  );
  mainWindow = createMainWindow(path.join(outDir, 'preload', 'index.cjs'));
  mainWindow.on('closed', () => (mainWindow = null));
});
