import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import AxeBuilder from '@axe-core/playwright';
import ICAL from 'ical.js';
import type { RunningEmulator } from '../../electron/core/emulator';
import { test, expect } from '../fixtures';
import { transitionsSettled } from './transitions';

/** A symmetric EXTERNAL key in `region` whose material expires in `days` (made with the SDK, as AWS would hold it). */
async function expiringKey(emulator: RunningEmulator, region: string, days: number) {
  const kms = new KMSClient({
    endpoint: emulator.endpoint,
    region,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
  try {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    const params = await kms.send(
      new GetParametersForImportCommand({
        KeyId: KeyMetadata!.KeyId,
        WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
        WrappingKeySpec: 'RSA_2048',
      }),
    );
    const wrapped = publicEncrypt(
      {
        key: createPublicKey({ key: Buffer.from(params.PublicKey!), format: 'der', type: 'spki' }),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
      },
      randomBytes(32),
    );
    await kms.send(
      new ImportKeyMaterialCommand({
        KeyId: KeyMetadata!.KeyId,
        ImportToken: params.ImportToken,
        EncryptedKeyMaterial: wrapped,
        ExpirationModel: 'KEY_MATERIAL_EXPIRES',
        ValidTo: new Date(emulator.now().getTime() + days * 86_400_000),
      }),
    );
    await kms.send(
      new CreateAliasCommand({ AliasName: `alias/e2e-expires-${days}`, TargetKeyId: KeyMetadata!.KeyId }),
    );
  } finally {
    kms.destroy();
  }
}

test('the expiry planner lists three Regions soonest first with warnings, saves a calendar that parses back, and axe finds nothing serious', async ({
  page,
  bridge,
}, testInfo) => {
  const emulator = (await bridge.emulator()) as unknown as RunningEmulator;
  await expiringKey(emulator, 'us-east-1', 200);
  await expiringKey(emulator, 'eu-west-1', 5);
  await expiringKey(emulator, 'ap-southeast-2', 40);

  await page.goto(bridge.url);
  const planner = page.getByRole('region', { name: 'Expiry planner' });
  await planner.getByLabel('Regions').fill('us-east-1, eu-west-1, ap-southeast-2');
  await planner.getByRole('button', { name: 'List key material expiry' }).click();
  const table = planner.getByTestId('expiry-plan');
  await expect(table).toBeVisible({ timeout: 30_000 });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('alias/e2e-expires-5');
  await expect(rows.nth(0)).toContainText('Expires within 7 days');
  await expect(rows.nth(1)).toContainText('alias/e2e-expires-40');
  await expect(rows.nth(1)).toContainText('Expires within 90 days');
  await expect(rows.nth(2)).toContainText('alias/e2e-expires-200');
  await expect(rows.nth(0).locator('td').first()).toHaveText('4');

  await transitionsSettled(page);
  await page.screenshot({ path: testInfo.outputPath('expiry-planner.png'), fullPage: true });
  const axe = await new AxeBuilder({ page }).include('section[aria-labelledby="expiry-title"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  bridge.dialogs.answer('folder', bridge.workDir);
  await planner.getByRole('button', { name: 'Save calendar (.ics)…' }).click();
  const saved = planner.getByTestId('expiry-saved');
  await expect(saved).toContainText('.ics');
  const file = (await saved.locator('code').textContent())!;
  const events = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8'))).getAllSubcomponents('vevent');
  expect(events.map((e) => new ICAL.Event(e).summary)).toEqual([
    'KMS key material expires: alias/e2e-expires-5 (eu-west-1)',
    'KMS key material expires: alias/e2e-expires-40 (ap-southeast-2)',
    'KMS key material expires: alias/e2e-expires-200 (us-east-1)',
  ]);
});

test('a planner row starts the reimport-from-backup ceremony for its key, connected in its Region', async ({
  page,
  bridge,
}) => {
  const emulator = (await bridge.emulator()) as unknown as RunningEmulator;
  await expiringKey(emulator, 'eu-west-1', 3);

  await page.goto(bridge.url);
  const planner = page.getByRole('region', { name: 'Expiry planner' });
  await planner.getByLabel('Regions').fill('eu-west-1');
  await planner.getByRole('button', { name: 'List key material expiry' }).click();
  await planner.getByRole('button', { name: 'Reimport alias/e2e-expires-3 (eu-west-1) from backup' }).click();

  const chosen = page.getByTestId('reimport-key-chosen');
  await expect(chosen).toContainText('alias/e2e-expires-3');
  await expect(page.locator('#start-operator')).toBeFocused();
  await page.getByRole('textbox', { name: 'Operator', exact: true }).fill('Olivia Operator');
  await page.getByRole('textbox', { name: 'Witness 1', exact: true }).fill('Wanda Witness');
  await page.getByRole('button', { name: 'Reimport key material from backup', exact: true }).click();

  await expect(page.getByTestId('emulator-region')).toContainText('eu-west-1');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('connection-facts')).toContainText('eu-west-1');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  const intent = page.getByTestId('reimport-intent');
  await expect(intent).toContainText('alias/e2e-expires-3');
  await intent.getByRole('button', { name: 'Describe alias/e2e-expires-3' }).click();
  await expect(page.getByTestId('key-facts')).toContainText('alias/e2e-expires-3');
  await expect(page.getByTestId('key-facts')).toContainText('eu-west-1');
  await expect(page.getByRole('button', { name: 'Reimport from backup' }).first()).toBeVisible();
});
