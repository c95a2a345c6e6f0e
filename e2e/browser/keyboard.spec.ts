import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';
import { activate, tabTo } from './keyboard';

const slow = { timeout: 60_000 };

test('a whole ceremony with the keyboard alone', async ({ page, bridge }, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo);
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const next = async (heading: string) => {
    await activate(page, button('Next'));
    await c.heading(heading);
    // The new step's heading takes the focus, so a screen reader starts reading there.
    await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeFocused();
  };

  await c.open();
  await activate(page, button('Connect'));
  await expect(page.getByTestId('connection-facts')).toBeVisible(slow);
  await next('Key');

  // Tabs use a roving focus: Tab reaches the selected tab, the arrow keys move to the others.
  await tabTo(page, page.getByRole('tab', { name: 'Existing key' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'New key' })).toBeFocused();
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Alias'));
  await page.keyboard.type('e2e/keyboard');
  await activate(page, page.getByRole('checkbox', { name: /I understand/ }), 'Space');
  await activate(page, button('Create key'));
  await expect(page.getByTestId('key-facts')).toContainText('PendingImport', slow);
  await c.snap('keyboard-key');
  await next('Import parameters');

  await activate(page, button('Get import parameters'));
  await expect(page.getByTestId('public-key-fingerprint')).toBeVisible(slow);
  await activate(page, button('Matches — confirmed aloud'));
  await expect(page.getByTestId('fingerprint-confirmation')).toHaveAttribute('data-matched', 'true', slow);
  await next('Key material');

  await activate(page, button('Generate key material'));
  await expect(page.getByTestId('material-facts')).toBeVisible(slow);
  await next('Wrap');

  await activate(page, button('Wrap key material'));
  await expect(page.getByTestId('wrapped-sha256')).toBeVisible(slow);
  await next('Import');

  await activate(page, button('180 days'));
  await activate(page, button('Request witness approval'));
  await activate(page, button('Approve as Wendy Witness'));
  await expect(page.getByTestId('approval-request')).toContainText(
    '1 of 1 approvals needed — the import may be sent',
    slow,
  );
  await activate(page, button('Import key material'));
  await expect(page.getByTestId('import-result')).toContainText('Enabled', slow);
  await next('Verify');

  await activate(page, button('Verify import'));
  await expect(page.getByTestId('verification')).toContainText('Verified', slow);
  await c.snap('keyboard-verified');
});

test('a reload mid-ceremony asks main for the session and reopens the step where it stood', async ({
  page,
  bridge,
}, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo);
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/reload' });
  await c.getParameters();
  const before = bridge.received.length;
  await page.reload();
  await c.heading('Key material');
  expect(bridge.received.slice(before).some((body) => body.includes('"parameters":{'))).toBe(true);
  await page.getByTestId('stepper-parameters').click();
  await expect(page.getByTestId('public-key-fingerprint')).toBeVisible();
  await c.snap('restored');
});
