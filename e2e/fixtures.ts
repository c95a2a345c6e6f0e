/** Browser e2e fixtures: a fresh bridge (real handlers) per test, the page opened on it, network fenced. */
import { test as base, expect } from '@playwright/test';
import { startBridgeHost, type BridgeHost } from './bridge/host';

export const test = base.extend<{ bridge: BridgeHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring to see no dependencies
  bridge: async ({}, use) => {
    const host = await startBridgeHost();
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
