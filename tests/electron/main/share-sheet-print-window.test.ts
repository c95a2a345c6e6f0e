/**
 * The app's share-sheet printer (issue 11, item 2) against the `electron` stand-in: a locked-down window of
 * its own in-memory session shows the PDF from memory at one URL only, asks, prints through the system
 * dialog, and reports exactly how the job ended; when it ends, the sheet is no longer served and the window
 * is gone. (The real print dialog needs the Electron binary, which cannot run on our build machines.)
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron'));

const { BrowserWindow, FakeSession, dialog } = await import('../mocks/electron');
const { electronShareSheetPrinter, SHEET_HOST } =
  await import('../../../electron/main/share-sheet-print-window');

type Win = InstanceType<typeof BrowserWindow>;
const pdf = () => Buffer.from('%PDF-1.7 share 2 of 3');
const tick = () => new Promise((r) => setTimeout(r, 0));

/** Starts a print job and returns its window, session and URL once the page has "loaded". */
async function startJob(parent: Win | null = null) {
  const bytes = pdf();
  const job = electronShareSheetPrinter(() => parent as never).print(bytes, {
    title: 'Share 2 of 3 for Dave',
  });
  const win = BrowserWindow.instances.at(-1)!;
  const prefs = win.options.webPreferences as Record<string, unknown>;
  const ses = prefs.session as InstanceType<typeof FakeSession>;
  return { job, win, ses, url: win.loadedUrl!, bytes };
}

beforeEach(() => {
  BrowserWindow.instances.length = 0;
  dialog.messageBoxes.length = 0;
  dialog.messageBoxResponse = 1;
});

describe('electronShareSheetPrinter', () => {
  it('opens a locked-down window of its own in-memory session, with the PDF viewer and no preload', async () => {
    const { win, ses, url, job } = await startJob();
    expect(win.options.webPreferences).toMatchObject({
      plugins: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false, // the mock app is packaged
    });
    expect((win.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
    expect([...FakeSession.partitions].find(([, s]) => s === ses)![0]).toMatch(/^share-sheet-[0-9a-f-]{36}$/);
    expect(url).toMatch(new RegExp(`^https://${SHEET_HOST.replace('.', '\\.')}/[0-9a-f-]{36}\\.pdf$`));
    expect(win.contentProtection).toBe(true);
    expect(win.webContents.windowOpenHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    // No permissions, no downloads (the viewer's Save button), no network: only the sheet's own URL.
    const denied = vi.fn();
    ses.permissionRequestHandler!(null, 'media', denied);
    expect(denied).toHaveBeenCalledWith(false);
    const download = { preventDefault: vi.fn() };
    ses.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
    const cancel = (u: string) => {
      let answer: boolean | undefined;
      ses.beforeRequest!({ url: u }, (r) => (answer = r.cancel));
      return answer;
    };
    expect(cancel(url)).toBe(false);
    expect(cancel('https://example.com/exfiltrate')).toBe(true);
    expect(cancel('http://127.0.0.1/')).toBe(true);
    expect(cancel('file:///etc/passwd')).toBe(true);
    expect(cancel('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html')).toBe(false);
    win.emit('closed');
    await job;
  });

  it('serves the sheet from memory at its URL only, and no longer once the job has ended', async () => {
    const { win, ses, url, job } = await startJob();
    const serve = (u: string) => ses.handlers.get('https')!({ url: u });
    const response = serve(url);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('%PDF-1.7 share 2 of 3');
    expect(serve(`https://${SHEET_HOST}/other.pdf`).status).toBe(404);
    win.emit('closed');
    expect(await job).toEqual({ printed: false, reason: 'cancelled', detail: 'the print window was closed' });
    expect(ses.handlers.has('https')).toBe(false);
    expect(ses.cleared).toBe(1);
  });

  it('asks first, then prints through the system dialog; "printed" only when the dialog says so', async () => {
    const { win, job } = await startJob();
    win.webContents.emit('did-finish-load');
    await tick();
    expect(dialog.messageBoxes[0]).toMatchObject({
      message: 'Print Share 2 of 3 for Dave?',
      buttons: ['Cancel', 'Print…'],
    });
    expect(win.webContents.printRequests).toHaveLength(1);
    expect(win.webContents.printRequests[0]!.options).toMatchObject({ silent: false });
    win.webContents.printRequests[0]!.answer(true, '');
    expect(await job).toEqual({ printed: true });
    expect(win.destroyed).toBe(true);
  });

  it('reports a print dialog cancelled, a failed job, and a declined question without printing', async () => {
    const cancelled = await startJob();
    cancelled.win.webContents.emit('did-finish-load');
    await tick();
    cancelled.win.webContents.printRequests[0]!.answer(false, 'cancelled');
    expect(await cancelled.job).toEqual({ printed: false, reason: 'cancelled' });

    const failed = await startJob();
    failed.win.webContents.emit('did-finish-load');
    await tick();
    failed.win.webContents.printRequests[0]!.answer(false, 'failed');
    expect(await failed.job).toEqual({ printed: false, reason: 'failed', detail: 'failed' });

    dialog.messageBoxResponse = 0;
    const declined = await startJob();
    declined.win.webContents.emit('did-finish-load');
    await tick();
    expect(declined.win.webContents.printRequests).toHaveLength(0);
    expect(await declined.job).toEqual({ printed: false, reason: 'cancelled' });
  });

  it('a sheet that cannot be shown is a failed job', async () => {
    const { win, job } = await startJob();
    win.webContents.emit('did-fail-load', {}, -2, 'net::ERR_FAILED');
    expect(await job).toEqual({
      printed: false,
      reason: 'failed',
      detail: 'the sheet could not be shown (net::ERR_FAILED)',
    });
  });
});
