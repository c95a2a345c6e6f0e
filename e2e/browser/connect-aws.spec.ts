import { writeFileSync } from 'node:fs';
import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';

test('"Connect to AWS" asks for a profile and a Region, shows the endpoint main takes from the AWS config, confirms a non-AWS host natively, and explains a failed connection', async ({
  page,
  bridge,
}, testInfo) => {
  // A profile whose KMS and STS endpoints point at a closed local port through a `services` section: whatever
  // happens, nothing can answer and nothing leaves the machine. The keys are fake.
  writeFileSync(
    bridge.awsConfigFile,
    [
      '[profile ceremony-test]',
      'region = eu-west-1',
      'services = local-proxy',
      'aws_access_key_id = AKIAFAKEFAKEFAKEFAKE',
      'aws_secret_access_key = fake-secret-for-a-closed-port',
      '',
      '[services local-proxy]',
      'kms =',
      '  endpoint_url = https://localhost:9',
      'sts =',
      '  endpoint_url = https://localhost:9',
      '',
    ].join('\n'),
  );
  const c = new Ceremony(page, bridge, testInfo, { axe: true });
  await c.open();
  await page.getByRole('radio', { name: 'Connect to AWS' }).check();
  await expect(page.getByRole('combobox', { name: 'Profile' })).toHaveText(/ceremony-test/);
  await expect(page.getByRole('textbox', { name: 'Region' })).toHaveValue('eu-west-1');
  // No endpoint field: the renderer cannot choose one; it shows which one main will use, and where from.
  await expect(page.getByRole('textbox', { name: /Endpoint/ })).toHaveCount(0);
  await expect(page.getByTestId('endpoint-source')).toContainText(
    'https://localhost:9 — from AWS config [services local-proxy] kms.endpoint_url (profile ceremony-test)',
  );
  await c.idle();
  await c.snap('aws-form');

  // Main asks natively (the scripted dialog here), naming the host; declining sends nothing.
  bridge.dialogs.answer('confirm', false);
  await c.button('Connect').click();
  const error = page.getByTestId('error-connect');
  await expect(error).toContainText('was not confirmed', { timeout: 60_000 });
  const question = bridge.dialogs.asked.at(-1);
  expect(question?.kind).toBe('confirm');
  expect(question?.message).toContain('localhost:9');

  // Confirmed: the connection is tried, at that host only, and its failure is explained.
  bridge.dialogs.answer('confirm', true);
  await c.button('Connect').click();
  await expect(error).not.toContainText('was not confirmed', { timeout: 60_000 });
  await expect(error).toBeVisible();
  await c.idle();
  const text = (await error.innerText()).trim();
  expect(text).toMatch(/localhost:9|ECONNREFUSED|reach/);
  expect(text.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(3); // message, hint, code
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/); // a sentence, not a stack trace
  await expect(page.getByTestId('environment-banner')).toHaveAttribute('data-kind', 'none');
  await c.snap('aws-failed');
  expect(c.axeFindings).toEqual([]);
});
