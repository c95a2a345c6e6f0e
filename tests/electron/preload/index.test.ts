import { describe, expect, it, vi } from 'vitest';
import { channels } from '../../../electron/shared/channels';

vi.mock('electron', () => import('../mocks/electron'));

describe('preload', () => {
  it('exposes exactly window.ceremony with one method per contract channel, and nothing else', async () => {
    const electron = await import('../mocks/electron');
    await import('../../../electron/preload/index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(Object.keys(electron.exposed)).toEqual(['ceremony']);
    const api = electron.exposed.ceremony as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(Object.values(channels).sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const name of ['invoke', 'send', 'on', 'ipcRenderer']) expect(api).not.toHaveProperty(name);
  });

  it('routes each method to its own channel', async () => {
    const electron = await import('../mocks/electron');
    const api = electron.exposed.ceremony as Record<string, (req: unknown) => Promise<unknown>>;
    for (const [channel, method] of Object.entries(channels)) {
      await expect(api[method]!({})).resolves.toEqual({ channel, req: {} });
    }
  });
});
