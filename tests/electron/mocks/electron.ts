/** A small stand-in for the `electron` module (as electron/fiddle's tests do), recording what main asks of it. */
import { vi } from 'vitest';
import { EventEmitter } from 'node:events';

export class FakeWebContents extends EventEmitter {
  mainFrame = { url: 'app://ceremony/index.html' };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = fn;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  contentProtection = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  setContentProtection(on: boolean) {
    this.contentProtection = on;
  }
  isDestroyed() {
    return this.destroyed;
  }
  show() {}
  static fromWebContents() {
    return null;
  }
}

export const app = {
  isPackaged: true,
  getAppPath: () => '/app',
  getName: () => 'KMS Key Ceremony',
  getVersion: () => '0.0.0',
};

export const exposed: Record<string, unknown> = {};
export const contextBridge = {
  exposeInMainWorld: vi.fn((key: string, value: unknown) => {
    exposed[key] = value;
  }),
};
export const ipcRenderer = { invoke: vi.fn(async (channel: string, req: unknown) => ({ channel, req })) };
export const dialog = {};
