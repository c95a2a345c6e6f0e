/** Browser e2e fixtures: a fresh bridge (real handlers) per test, the page opened on it, network fenced. */
import { test as base, expect } from '@playwright/test';
import type { EmulatorDelays } from '../electron/main/lazy-emulator';
import { startBridgeHost, type BridgeHost } from './bridge/host';

export const test = base.extend<{ bridge: BridgeHost; emulatorDelays: EmulatorDelays }>({
  /** The embedded emulator's timings; a spec shortens them with `test.use({ emulatorDelays: … })`. */
  emulatorDelays: [{}, { option: true }],
  bridge: async ({ emulatorDelays }, use) => {
    const host = await startBridgeHost(emulatorDelays);
    await use(host);
    await host.close();
  },
  page: async ({ page, bridge }, use) => {
    const origin = new URL(bridge.url).origin;
    // Belt and braces: the renderer may talk to the bridge and nothing else.
    await page
      .context()
      .route('**/*', (route) =>
        route.request().url().startsWith(origin) ? route.continue() : route.abort('blockedbyclient'),
      );
    await use(page);
  },
});

export { expect };
