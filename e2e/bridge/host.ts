/** Builds the same handler table the Electron main process builds, hosted by the loopback bridge. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers } from '../../electron/main/ipc/handlers/index';
import { startBridge, type Bridge } from './server';
import { ScriptedDialogs } from './scripted-dialogs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const rendererDir = path.join(root, 'out', 'renderer');

export interface BridgeHost extends Bridge {
  dialogs: ScriptedDialogs;
}

export async function startBridgeHost(): Promise<BridgeHost> {
  const dialogs = new ScriptedDialogs();
  const handlers = createHandlers({
    runtime: 'browser-bridge',
    appName: 'KMS Key Ceremony',
    appVersion: process.env.npm_package_version ?? '0.0.0-test',
    electronVersion: null,
    dialogs,
  });
  const bridge = await startBridge({ rendererDir, handlers });
  return { ...bridge, dialogs };
}
