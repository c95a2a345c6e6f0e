/** Builds the same handler table the Electron main process builds, hosted by the loopback bridge. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers } from '../../electron/main/ipc/handlers/index';
import type { EmulatorDelays } from '../../electron/main/lazy-emulator';
import { createStationServices } from '../../electron/main/services';
import { PdfPrinterSink } from './pdf-printer-sink';
import { startBridge, type Bridge } from './server';
import { ScriptedDialogs } from './scripted-dialogs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const rendererDir = path.join(root, 'out', 'renderer');

export interface BridgeHost extends Bridge {
  dialogs: ScriptedDialogs;
  /** The virtual printer share sheets are printed on (spool: workDir/printer, 0600 files). */
  printer: PdfPrinterSink;
  /** The embedded emulator behind the session (started on first use); tests move its clock. */
  emulator: () => Promise<{
    advanceClock(seconds: number): void;
    now(): Date;
    wrappingPool: { full(): Promise<void> };
  }>;
  /** A scratch folder for this bridge: material files, saved import files. Removed on close. */
  workDir: string;
  /**
   * Main's environment for AWS settings: by default an (absent) AWS config in workDir, never the machine's
   * own ~/.aws. A test writes `awsConfigFile` or sets AWS_ENDPOINT_URL_KMS here.
   */
  env: NodeJS.ProcessEnv;
  awsConfigFile: string;
}

/** `emulatorDelays`: e.g. `{ replicaCreatingSeconds: 3 }` (the emulator's --replica-creating-seconds). */
export async function startBridgeHost(emulatorDelays: EmulatorDelays = {}): Promise<BridgeHost> {
  const dialogs = new ScriptedDialogs();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'ceremony-bridge-'));
  const services = createStationServices(path.join(workDir, 'station'), emulatorDelays);
  const spool = path.join(workDir, 'printer');
  mkdirSync(spool, { mode: 0o700 });
  const printer = new PdfPrinterSink(spool);
  const awsConfigFile = path.join(workDir, 'aws-config');
  const env: NodeJS.ProcessEnv = {
    AWS_CONFIG_FILE: awsConfigFile,
    AWS_SHARED_CREDENTIALS_FILE: path.join(workDir, 'aws-credentials'),
  };
  const handlers = createHandlers({
    runtime: 'browser-bridge',
    appName: 'KMS Key Ceremony',
    appVersion: process.env.npm_package_version ?? '0.0.0-test',
    electronVersion: null,
    dialogs,
    session: services.session,
    station: services.station,
    warmEmulator: () => services.emulator.warm(),
    env,
    shareSheetPrinter: printer,
  });
  const bridge = await startBridge({ rendererDir, handlers });
  return {
    ...bridge,
    dialogs,
    printer,
    workDir,
    env,
    awsConfigFile,
    emulator: async () => (await services.emulator.get()).running,
    async close() {
      await bridge.close();
      await services.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
