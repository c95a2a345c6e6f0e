import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';

test('"Connect to AWS" asks for a profile, a Region and an optional endpoint, and explains a failed connection', async ({
  page,
  bridge,
}, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo, { axe: true });
  await c.open();
  await page.getByRole('radio', { name: 'Connect to AWS' }).check();
  await expect(page.getByRole('combobox', { name: 'Profile' })).toBeVisible();
  await c.idle();
  const region = page.getByRole('textbox', { name: 'Region' });
  await region.fill('eu-west-1');
  // A closed local port: whatever the credentials, nothing can answer, and nothing leaves the machine.
  await page.getByRole('textbox', { name: 'Endpoint URL' }).fill('http://127.0.0.1:9');
  await c.snap('aws-form');
  await c.button('Connect').click();
  const error = page.getByTestId('error-connect');
  await expect(error).toBeVisible({ timeout: 60_000 });
  await c.idle();
  const text = (await error.innerText()).trim();
  expect(text.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(3); // message, hint, code
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/); // a sentence, not a stack trace
  await expect(page.getByTestId('environment-banner')).toHaveAttribute('data-kind', 'none');
  await c.snap('aws-failed');
  expect(c.axeFindings).toEqual([]);
});
