/**
 * The app's share-sheet printer (issue 11, item 2): one dedicated, locked-down window per sheet that shows
 * the PDF main rendered, from memory, and opens the system print dialog. The ceremony wizard's renderer never
 * receives the sheet.
 *
 * Why this way (Electron 45; looked up, since the Electron binary cannot run on our build machines):
 * - Chromium's own PDF viewer (PDFium, `plugins: true` in this window only) shows and prints exactly the PDF
 *   main made — vector text and QR code, the same bytes a saved sheet would hold. `webContents.print()` on a
 *   PDF document printed blank pages until Electron made it print the viewer's plugin frame
 *   (electron/electron#30947, fixed by #43309 from Electron 30), and its callback tells whether the job went
 *   to the printer, was cancelled or failed: the ceremony needs that answer to refuse recording a share that
 *   was never printed. The viewer's own toolbar button gives no answer; re-drawing the PDF with pdf.js into
 *   HTML canvases would print a picture of the sheet rather than the sheet.
 * - The PDF is served by an `https` handler of this window's own session — a partition without `persist:`,
 *   held in memory, so nothing is cached on disk — at a random URL under `.invalid` (RFC 6761: never resolves,
 *   so nothing can be fetched from a network even if the handler were gone). Not a custom scheme: the PDF
 *   viewer has shown custom-protocol PDFs blank (electron/electron#24859). Not a file and not a data: URL
 *   passed through any renderer.
 * - sandbox, contextIsolation, no preload and no Node, content protection (kept out of screen recordings),
 *   no navigation or new windows, no permissions, downloads refused (the viewer's Save button must not save a
 *   share: saving is the officers' explicit choice in the wizard, written by main), devtools only unpackaged.
 * - Closing the window ends the job ("cancelled"); when the job settles the handler is removed, the window
 *   destroyed and the session's storage cleared, and the caller wipes the PDF buffer. Chromium's own copies
 *   (network and renderer memory) go with the window's renderer process; they cannot be wiped from here.
 */
import { BrowserWindow, app, dialog, session } from 'electron';
import { randomUUID } from 'node:crypto';
import type { PrintOutcome, ShareSheetPrinter } from '../core/custody';
import { lockDownWebContents } from './security';

/** The print window's host: `.invalid` is reserved (RFC 6761) and never resolves. */
export const SHEET_HOST = 'share-sheet.invalid';

export function electronShareSheetPrinter(parent: () => BrowserWindow | null): ShareSheetPrinter {
  return { print: (pdf, job) => printInWindow(pdf, job.title, parent()) };
}

function printInWindow(pdf: Buffer, title: string, parent: BrowserWindow | null): Promise<PrintOutcome> {
  const ses = session.fromPartition(`share-sheet-${randomUUID()}`);
  const url = `https://${SHEET_HOST}/${randomUUID()}.pdf`;
  let served: Buffer | null = pdf;
  ses.protocol.handle('https', (request) =>
    request.url === url && served
      ? // A view of the caller's buffer, not a copy: wiping it after the job wipes what this handler held.
        new Response(new Uint8Array(served.buffer as ArrayBuffer, served.byteOffset, served.byteLength), {
          headers: { 'content-type': 'application/pdf', 'cache-control': 'no-store' },
        })
      : new Response('Not found', { status: 404 }),
  );
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
  // Only the sheet's URL and the viewer's own chrome-extension:/chrome: resources; no network of any kind.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: /^(https?|wss?|ftp|file):/i.test(details.url) && details.url !== url });
  });

  const win = new BrowserWindow({
    width: 860,
    height: 1000,
    parent: parent ?? undefined,
    modal: parent !== null,
    show: false,
    title: `${title} — print`,
    autoHideMenuBar: true,
    webPreferences: {
      session: ses,
      // Chromium's PDF viewer: this window only, and it shows nothing but the sheet.
      plugins: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  lockDownWebContents(win.webContents);
  win.setContentProtection(true);

  return new Promise<PrintOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: PrintOutcome) => {
      if (settled) return;
      settled = true;
      served = null;
      ses.protocol.unhandle('https');
      if (!win.isDestroyed()) win.destroy();
      void ses.clearStorageData().catch(() => undefined);
      resolve(outcome);
    };
    win.on('closed', () =>
      finish({ printed: false, reason: 'cancelled', detail: 'the print window was closed' }),
    );
    win.webContents.once('did-fail-load', (_event, _code, description) =>
      finish({ printed: false, reason: 'failed', detail: `the sheet could not be shown (${description})` }),
    );
    win.webContents.once('did-finish-load', () => {
      win.show();
      // A question first: the custodian sees the sheet that will print, and the viewer has loaded it by then.
      void dialog
        .showMessageBox(win, {
          type: 'question',
          title: 'Print share sheet',
          message: `Print ${title}?`,
          detail:
            'Check the sheet in this window (custodian, share number, check value), then choose Print and the ' +
            'printer. The sheet is not saved anywhere; closing this window cancels.',
          buttons: ['Cancel', 'Print…'],
          defaultId: 1,
          cancelId: 0,
          noLink: true,
        })
        .then(
          ({ response }) => {
            if (response !== 1) return finish({ printed: false, reason: 'cancelled' });
            win.webContents.print({ silent: false, printBackground: true }, (success, failureReason) =>
              finish(
                success
                  ? { printed: true }
                  : failureReason === 'cancelled'
                    ? { printed: false, reason: 'cancelled' }
                    : { printed: false, reason: 'failed', detail: failureReason },
              ),
            );
          },
          (error: unknown) => finish({ printed: false, reason: 'failed', detail: String(error) }),
        );
    });
    void win.loadURL(url).catch(() => undefined);
  });
}
