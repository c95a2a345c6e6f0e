/**
 * Sandboxed preload of the custody entry window (issue 11): exposes only `window.custodyEntry` — the
 * entry status and "submit component / share" — and nothing of the ceremony wizard's API.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildCustodyEntryApi } from './api';

contextBridge.exposeInMainWorld(
  'custodyEntry',
  buildCustodyEntryApi((channel, req) => ipcRenderer.invoke(channel, req)),
);
