import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron'));

const { BrowserWindow } = await import('../mocks/electron');
const { createMainWindow } = await import('../../../electron/main/windows');

describe('createMainWindow', () => {
  beforeEach(() => (BrowserWindow.instances.length = 0));

  it('uses the locked-down webPreferences literally', () => {
    createMainWindow('/app/out/preload/index.cjs');
    const prefs = BrowserWindow.instances[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false, // the mock app is packaged
    });
  });

  it('loads only the packaged UI from app://, never a remote URL', () => {
    const win = createMainWindow('/p.cjs') as unknown as InstanceType<typeof BrowserWindow>;
    expect(win.loadedUrl).toBe('app://ceremony/index.html');
    expect(win.contentProtection).toBe(true);
  });

  it('denies navigation and new windows', () => {
    const win = createMainWindow('/p.cjs') as unknown as InstanceType<typeof BrowserWindow>;
    const navigation = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    win.webContents.emit('will-navigate', navigation, 'https://evil.example');
    expect(navigation.prevented).toBe(true);
    expect(win.webContents.windowOpenHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
  });
});

describe('createCustodyEntryWindow', () => {
  beforeEach(() => (BrowserWindow.instances.length = 0));

  it('is locked down like the ceremony window, with its own preload, entry page and content protection', async () => {
    const { createCustodyEntryWindow } = await import('../../../electron/main/windows');
    const win = createCustodyEntryWindow('/app/out/preload/entry.cjs', null) as unknown as InstanceType<
      typeof BrowserWindow
    >;
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/entry.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(win.loadedUrl).toBe('app://ceremony/entry.html');
    expect(win.contentProtection).toBe(true);
    expect(win.webContents.windowOpenHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
  });
});
