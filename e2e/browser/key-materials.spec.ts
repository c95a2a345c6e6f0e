import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';

test('the Key step lists the key materials KMS holds (ListKeyRotations) after an import, and axe finds nothing serious', async ({
  page,
  bridge,
}, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo, { axe: true, prefix: 'materials' });
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/materials' });
  await c.getParameters();
  await c.generateMaterial();
  await c.wrap();
  await c.importMaterial({ days: 30 });
  const keyMaterialId = await c.verify();

  await page.getByTestId('stepper-key').click();
  const table = page.getByRole('table', { name: 'Key materials' });
  await expect(table).toBeVisible();
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(keyMaterialId);
  await expect(rows.nth(1)).toContainText('Current');
  await expect(rows.nth(1)).toContainText('Imported');
  await expect(rows.nth(1)).toContainText('First material');
  const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await expect(rows.nth(1)).toContainText(expires);
  await c.snap('key-materials');
  expect(c.axeFindings).toEqual([]);
});
