import { test, expect } from '../fixtures';

test('the first screen loads through the bridge and shows what a real handler answered', async ({
  page,
  bridge,
}) => {
  await page.goto(bridge.url);
  await expect(page.getByRole('heading', { name: 'KMS Key Ceremony' })).toBeVisible();
  await expect(page.getByTestId('app-info')).toContainText('browser-bridge');
  await expect(page.getByTestId('app-info')).toContainText(`${process.platform}-${process.arch}`);
  expect(bridge.received.some((body) => body.includes('"runtime":"browser-bridge"'))).toBe(true);
});

test('the renderer has no Node, no Electron, and only window.ceremony', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  const globals = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    ceremony: typeof (window as unknown as { ceremony?: unknown }).ceremony,
  }));
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    ipcRenderer: 'undefined',
    ceremony: 'object',
  });
});

test('the bridge refuses calls from another origin and without the token', async ({ bridge, request }) => {
  const ipcUrl = new URL('/__bridge/ipc/app:info', bridge.url).toString();
  const foreign = await request.post(ipcUrl, { headers: { origin: 'http://evil.example' }, data: {} });
  expect(foreign.status()).toBe(403);
  const noToken = await request.post(ipcUrl, { headers: { origin: new URL(bridge.url).origin }, data: {} });
  expect(noToken.status()).toBe(401);
});
