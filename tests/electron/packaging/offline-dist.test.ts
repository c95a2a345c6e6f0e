/**
 * The release build, offline: the real build (scripts/build.mjs), then electron-builder's unpacked Linux target
 * (`--dir`) with the real electron-builder.yml (files allow-list, asar, afterPack fuses) against a stand-in
 * Electron distribution, with every network connection refused. Then it checks what an installer would contain.
 * What this cannot prove (code signing, the real Electron binary, AppImage/deb/NSIS/dmg tools): see README.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { getRawHeader, extractAll } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { build } from 'esbuild';
import { RELEASE_FUSE_WIRE, namedWire, writeStandInElectronDist } from '../helpers/stand-in-electron';
import { contract } from '../../../electron/shared/ipc-contract';
import { channels } from '../../../electron/shared/channels';
import { BrowserWindow } from '../mocks/electron';

/** app.asar may not grow past this (README, "Release builds"): today ≈ 4 MiB; room for the PDF record's font. */
const ASAR_BUDGET_BYTES = 12 * 1024 * 1024;
/** What the packed app needs at run time, and nothing else (the files allow-list in electron-builder.yml). */
const SHIPPED_DIRS = ['out/main', 'out/preload', 'out/renderer'];
const SHIPPED_FILES = ['package.json', 'assets/icon.png'];

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const electronVersion: string = require('electron/package.json').version;
const executableName = 'kms-key-ceremony';

let work: string;
let appDir: string; // dist/linux-unpacked
let asar: string;

/** Every file path in an asar archive, '/'-separated, relative to its root. */
function asarFiles(archive: string): string[] {
  type Node = { files?: Record<string, Node> };
  const files: string[] = [];
  const walk = (node: Node, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      if (child.files) walk(child, `${prefix}${name}/`);
      else files.push(`${prefix}${name}`);
    }
  };
  walk(getRawHeader(archive).header as Node, '');
  return files.sort();
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8', timeout: 240_000 });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} failed (${result.status}):\n${output.slice(-4000)}`);
  return output;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'offline-dist-'));
  const started = Date.now();
  // Nothing may be fetched: an empty cache, mirrors on a closed port, and Node's sockets refused outright.
  const denyLog = join(work, 'network-attempts.log');
  writeFileSync(denyLog, '');
  const deny = join(root, 'tests/electron/helpers/deny-network.cjs');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require "${deny}"`.trim(),
    DENY_NETWORK_LOG: denyLog,
    ELECTRON_CACHE: join(work, 'cache'),
    ELECTRON_BUILDER_CACHE: join(work, 'cache'),
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    ELECTRON_BUILDER_BINARIES_MIRROR: 'http://127.0.0.1:9/',
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  };
  mkdirSync(env.ELECTRON_CACHE!);
  run(process.execPath, ['scripts/build.mjs'], env);
  const built = Date.now();
  const dist = writeStandInElectronDist(join(work, 'electron-dist'), electronVersion);
  const builder = join(root, 'node_modules/electron-builder/cli.js');
  // The release command (`npm run dist`) with two overrides: the stand-in Electron and a temp output folder.
  run(
    process.execPath,
    [
      builder,
      '--config',
      'electron-builder.yml',
      '--linux',
      '--x64',
      '--dir',
      `-c.electronDist=${dist}`,
      `-c.directories.output=${join(work, 'dist')}`,
    ],
    env,
  );
  expect(readFileSync(denyLog, 'utf8')).toBe(''); // not one connection or DNS lookup was attempted
  expect(readdirSync(env.ELECTRON_CACHE!)).toEqual([]); // and nothing was downloaded into the cache
  appDir = join(work, 'dist', 'linux-unpacked');
  asar = join(appDir, 'resources', 'app.asar');
  console.log(
    `offline packaging: build ${((built - started) / 1000).toFixed(1)} s, electron-builder ${((Date.now() - built) / 1000).toFixed(1)} s`,
  );
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('offline release build (electron-builder --dir, stand-in Electron)', () => {
  it('flips every fuse of the packed executable to its release value', async () => {
    const wire = await getCurrentFuseWire(join(appDir, executableName));
    expect(namedWire(wire)).toEqual(RELEASE_FUSE_WIRE);
  });

  it('packs exactly the built app into app.asar: bundles, renderer, package.json, icon', () => {
    const packed = asarFiles(asar);
    const expected = [
      ...SHIPPED_DIRS.flatMap(filesUnder).filter((f) => !f.endsWith('.map')),
      ...SHIPPED_FILES,
    ];
    expect(packed).toEqual(expected.sort());
    for (const required of [
      'out/main/index.cjs',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      ...SHIPPED_FILES,
    ]) {
      expect(packed).toContain(required);
    }
    const forbidden = /(^|\/)(node_modules|tests?|e2e|bench|electron|renderer\/src|scripts)\/|\.(tsx?|map)$/;
    expect(packed.filter((f) => forbidden.test(f))).toEqual([]);
    expect(existsSync(`${asar}.unpacked`)).toBe(false); // nothing left outside the archive
    expect(readdirSync(join(appDir, 'resources'))).toEqual(['app.asar']);
  });

  it('keeps app.asar under its size budget, and reports its size and integrity hash', () => {
    const size = statSync(asar).size;
    // Electron's asar integrity check (EnableEmbeddedAsarIntegrityValidation) is SHA-256 over the header.
    const integrity = createHash('sha256').update(getRawHeader(asar).headerString).digest('hex');
    console.log(
      `app.asar: ${(size / 1024 / 1024).toFixed(2)} MiB of a ${ASAR_BUDGET_BYTES / 1024 / 1024} MiB budget; ` +
        `${asarFiles(asar).length} files; header SHA-256 ${integrity}`,
    );
    expect(size).toBeLessThanOrEqual(ASAR_BUDGET_BYTES);
  });

  it('ships a self-contained main bundle: it requires only Node built-ins and electron', async () => {
    // esbuild parses the built file (strings and comments are not requires) and lists what it would load.
    for (const entry of ['out/main/index.cjs', 'out/preload/index.cjs']) {
      const result = await build({
        entryPoints: [join(root, entry)],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        packages: 'external',
        logLevel: 'silent',
      });
      const imports = Object.values(result.metafile.inputs).flatMap((input) =>
        input.imports.map((i) => i.path),
      );
      expect(
        imports.filter((name) => name !== 'electron' && !isBuiltin(name)),
        entry,
      ).toEqual([]);
    }
  });
});

describe('the packed bundles, loaded with a stand-in electron module', () => {
  let unpacked: string;
  let electronModule: string;
  beforeAll(() => {
    unpacked = join(work, 'app');
    extractAll(asar, unpacked);
    // `require('electron')` in the bundles resolves to this module, next to the unpacked app.
    electronModule = join(unpacked, 'node_modules', 'electron', 'index.js');
    mkdirSync(dirname(electronModule), { recursive: true });
    writeFileSync(electronModule, 'module.exports = globalThis.__electronStub;\n');
  });

  /** Loads a packed bundle (CommonJS, as Electron would) with `stub` as its `electron` module. */
  function loadWith(stub: object, bundle: string) {
    delete require.cache[electronModule];
    Object.assign(globalThis, { __electronStub: stub });
    try {
      require(join(unpacked, bundle));
    } finally {
      delete (globalThis as { __electronStub?: unknown }).__electronStub;
    }
  }

  it('preload: exposes only window.ceremony, one method per contract channel', () => {
    const exposed: Record<string, Record<string, unknown>> = {};
    const exposeInMainWorld = (key: string, api: Record<string, unknown>) => (exposed[key] = api);
    loadWith(
      { contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke: async () => null } },
      'out/preload/index.cjs',
    );
    expect(Object.keys(exposed)).toEqual(['ceremony']);
    expect(Object.keys(exposed.ceremony!).sort()).toEqual(Object.values(channels).sort());
  });

  it('main: reaches window creation with the literal security settings and registers exactly the contract', async () => {
    const stub = electronStub(join(work, 'user-data'), unpacked);
    loadWith(stub, 'out/main/index.cjs');
    await stub.ready;
    await new Promise((done) => setTimeout(done, 0));

    expect(stub.calls.enableSandbox).toBe(1);
    expect(BrowserWindow.instances).toHaveLength(1);
    const options = BrowserWindow.instances[0]!.options;
    expect(options.webPreferences).toEqual({
      preload: join(unpacked, 'out', 'preload', 'index.cjs'),
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
      devTools: false,
    });
    // Paths the packed app needs at run time point inside the archive.
    expect(existsSync(options.icon as string)).toBe(true);
    expect(existsSync((options.webPreferences as { preload: string }).preload)).toBe(true);
    expect(BrowserWindow.instances[0]!.loadedUrl).toBe('app://ceremony/index.html');
    expect(stub.registeredChannels.sort()).toEqual(Object.keys(contract).sort());
    // app:// serves the packed renderer.
    const response = await stub.protocolHandler!({ url: 'app://ceremony/index.html' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });
});

/** The electron API the main process touches at start-up, recording what it is asked. */
function electronStub(userData: string, appPath: string) {
  let whenReady!: () => void;
  const ready = new Promise<void>((done) => (whenReady = done));
  const calls = { enableSandbox: 0 };
  const registeredChannels: string[] = [];
  let protocolHandler: ((request: { url: string }) => Promise<Response>) | null = null;
  const stub = {
    calls,
    registeredChannels,
    ready,
    get protocolHandler() {
      return protocolHandler;
    },
    app: {
      isPackaged: true,
      enableSandbox: () => calls.enableSandbox++,
      requestSingleInstanceLock: () => true,
      quit: () => {},
      on: () => {},
      getPath: (name: string) => (name === 'userData' ? userData : join(userData, name)),
      getAppPath: () => appPath,
      getName: () => 'KMS Key Ceremony',
      getVersion: () => '0.0.0',
      whenReady: () => {
        setTimeout(whenReady, 0);
        return ready;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: () => {},
      handle: (_scheme: string, handler: typeof protocolHandler) => (protocolHandler = handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        setDevicePermissionHandler: () => {},
        webRequest: { onBeforeRequest: () => {} },
      },
    },
    ipcMain: { handle: (channel: string) => registeredChannels.push(channel) },
    BrowserWindow,
    dialog: {},
  };
  return stub;
}
