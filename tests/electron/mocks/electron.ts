/** A small stand-in for the `electron` module (as electron/fiddle's tests do), recording what main asks of it. */
import { vi } from 'vitest';
import { EventEmitter } from 'node:events';

export class FakeWebContents extends EventEmitter {
  mainFrame = { url: 'app://ceremony/index.html' };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = fn;
  }
  /** webContents.print(options, callback): recorded; a test calls `printed` to answer as the print dialog. */
  printRequests: { options: Record<string, unknown>; answer: (success: boolean, reason: string) => void }[] =
    [];
  print(options: Record<string, unknown>, answer: (success: boolean, reason: string) => void) {
    this.printRequests.push({ options, answer });
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
  destroy() {
    this.destroyed = true;
    this.emit('closed');
  }
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
/** dialog.showMessageBox answers with `messageBoxResponse` (the button index); every call is kept. */
export const dialog = {
  messageBoxResponse: 1,
  messageBoxes: [] as Record<string, unknown>[],
  showMessageBox(_win: unknown, options: Record<string, unknown>) {
    this.messageBoxes.push(options);
    return Promise.resolve({ response: this.messageBoxResponse });
  },
};

/** A session of one partition: its protocol handlers, permission handlers, request filter and events. */
export class FakeSession extends EventEmitter {
  static partitions = new Map<string, FakeSession>();
  handlers = new Map<string, (request: { url: string }) => Response>();
  permissionRequestHandler: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
  permissionCheckHandler: (() => boolean) | null = null;
  beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
  cleared = 0;
  protocol = {
    handle: (scheme: string, fn: (request: { url: string }) => Response) => this.handlers.set(scheme, fn),
    unhandle: (scheme: string) => this.handlers.delete(scheme),
  };
  webRequest = {
    onBeforeRequest: (fn: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) => {
      this.beforeRequest = fn;
    },
  };
  setPermissionRequestHandler(fn: (c: unknown, p: string, cb: (ok: boolean) => void) => void) {
    this.permissionRequestHandler = fn;
  }
  setPermissionCheckHandler(fn: () => boolean) {
    this.permissionCheckHandler = fn;
  }
  clearStorageData() {
    this.cleared += 1;
    return Promise.resolve();
  }
}
export const session = {
  fromPartition(name: string) {
    let s = FakeSession.partitions.get(name);
    if (!s) FakeSession.partitions.set(name, (s = new FakeSession()));
    return s;
  },
};
