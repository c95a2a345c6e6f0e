import { describe, expect, it, vi } from 'vitest';
import { channels, entryChannels } from '../../../electron/shared/channels';

vi.mock('electron', () => import('../mocks/electron'));

describe('custody entry preload', () => {
  it('exposes only window.custodyEntry with the entry channels, none of the wizard’s', async () => {
    const electron = await import('../mocks/electron');
    await import('../../../electron/preload/entry');
    expect(Object.keys(electron.exposed)).toEqual(['custodyEntry']);
    const api = electron.exposed.custodyEntry as Record<string, (req: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual(Object.values(entryChannels).sort());
    for (const method of Object.values(channels)) expect(api).not.toHaveProperty(method);
    expect(Object.isFrozen(api)).toBe(true);
    for (const [channel, method] of Object.entries(entryChannels))
      await expect(api[method]!({})).resolves.toEqual({ channel, req: {} });
  });
});
