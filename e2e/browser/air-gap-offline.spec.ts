import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';

test('offline station from `aws kms get-parameters-for-import` JSON: asks for key spec and algorithm, then refuses to wrap once ParametersValidTo has passed on its own clock', async ({
  page,
  bridge,
}, testInfo) => {
  const requests: string[] = [];
  page.context().on('request', (r) => requests.push(r.url()));
  // What the CLI prints (v2): base64 blobs, ISO ParametersValidTo — here only seconds away.
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyArn = `arn:aws:kms:us-east-1:111122223333:key/${randomUUID()}`;
  const validTo = new Date(Date.now() + 25_000);
  const json = path.join(bridge.workDir, 'params.json');
  writeFileSync(
    json,
    JSON.stringify({
      KeyId: keyArn,
      ImportToken: randomBytes(64).toString('base64'),
      PublicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      ParametersValidTo: validTo.toISOString(),
    }),
  );
  const c = new Ceremony(page, bridge, testInfo, { axe: true });

  await c.openOffline(json, 'file');
  await expect(page.getByTestId('error-start')).toContainText('does not say the key spec');
  await expect(page.getByTestId('needs-details')).toBeVisible();
  await c.idle();
  await c.snap('needs-details');
  await page.getByRole('combobox', { name: 'Key spec' }).click();
  await page.getByRole('option', { name: 'SYMMETRIC_DEFAULT', exact: true }).click();
  await page.getByRole('combobox', { name: 'Wrapping algorithm' }).click();
  await page.getByRole('option', { name: 'RSAES_OAEP_SHA_256', exact: true }).click();
  bridge.dialogs.answer('open', json);
  await c.button('Choose parameters file…').click();
  await c.heading('Parameters');
  const loaded = page.getByTestId('loaded-parameters');
  await expect(loaded).toContainText(keyArn);
  await expect(loaded).toContainText('cli-json');
  await expect(loaded).toContainText('RSA_2048');
  await expect(page.getByTestId('parameters-warnings')).toContainText('does not name the wrapping algorithm');
  await c.button('Matches — confirmed aloud').click();
  await expect(page.getByTestId('fingerprint-confirmation')).toHaveAttribute('data-matched', 'true');
  await c.idle();
  await c.snap('cli-json-loaded');

  await c.next('Key material');
  await c.generateMaterial();
  // This station's clock passes ParametersValidTo: the countdown says so and main refuses to wrap.
  await expect(page.getByTestId('countdown')).toHaveAttribute('data-state', 'expired', { timeout: 40_000 });
  await c.button('Wrap key material').click();
  const refused = page.getByTestId('error-wrap');
  await expect(refused).toContainText(`The import parameters expired at ${validTo.toISOString()}`);
  await expect(refused).toContainText('PARAMETERS_EXPIRED');
  await expect(refused.getByRole('button', { name: 'Get new import parameters' })).toHaveCount(0);
  await expect(page.getByTestId('wrapped-sha256')).toHaveCount(0);
  await c.idle();
  await c.snap('wrap-refused-expired');
  await page.getByTestId('stepper-parameters').click();
  await c.heading('Parameters');
  await expect(page.getByTestId('parameters-expired')).toContainText('have expired');
  await expect(c.button('Next')).toBeDisabled();
  await c.snap('parameters-expired');

  const origin = new URL(bridge.url).origin;
  expect(requests.length).toBeGreaterThan(5);
  expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
  expect(existsSync(path.join(bridge.workDir, 'station', 'kms-emulator'))).toBe(false);
  expect(c.axeFindings).toEqual([]);
});
