/**
 * Sandboxed preload: exposes exactly one object, `window.ceremony`, with one method per contract
 * channel. No ipcRenderer, no event objects, no generic invoke.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildCeremonyApi } from './api';

contextBridge.exposeInMainWorld(
  'ceremony',
  buildCeremonyApi((channel, req) => ipcRenderer.invoke(channel, req)),
);
