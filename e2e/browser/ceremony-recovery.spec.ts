import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';

const slow = { timeout: 60_000 };

test('an import token past its 24 hours is refused, explained, and recovered by fetching new parameters', async ({
  page,
  bridge,
}, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo, { axe: true });
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/expired' });
  await c.getParameters();
  await c.generateMaterial();
  await c.wrap();

  (await bridge.emulator()).advanceClock(25 * 3600);
  await c.approveImport();
  await c.button('Import key material').click();
  const error = page.getByTestId('error-import');
  await expect(error).toContainText(/expired/i, slow);
  await expect(error).toContainText(/Get new import parameters|new import parameters/);
  await c.snap('token-expired');

  await error.getByRole('button', { name: 'Get new import parameters' }).click();
  await c.heading('Import parameters');
  await expect(page.getByTestId('countdown')).toHaveAttribute('data-state', 'ok', slow);
  await c.idle();
  await c.snap('new-parameters');
  await c.confirmFingerprint(); // a new wrapping key: a witness confirms its fingerprint again
  await c.next('Key material');
  await expect(page.getByTestId('material-facts')).toBeVisible(); // the material was kept in main
  await c.next('Wrap');
  await c.wrap();
  await c.importMaterial({ days: 90 });
  await c.verify();
  expect(c.axeFindings).toEqual([]);
});

test('reimporting different material is refused and explained; the same material after "Delete imported key material" is accepted', async ({
  page,
  bridge,
}, testInfo) => {
  const original = path.join(bridge.workDir, 'original.bin');
  writeFileSync(original, randomBytes(32), { mode: 0o600 });
  const c = new Ceremony(page, bridge, testInfo, { axe: true });
  await c.open();
  await c.connectEmulator();
  await c.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/reimport' });
  await c.getParameters();
  const originalFacts = await c.loadMaterial(original);
  await c.wrap();
  await c.importMaterial({ days: 90 });
  const firstId = await c.verify();

  // Officers try other material: KMS refuses it, and the app says why and what to do.
  await page.getByTestId('stepper-material').click();
  await c.heading('Key material');
  await c.generateMaterial({ replace: true }); // replacing the loaded material is confirmed
  await c.wrap();
  await c.approveImport();
  await c.button('Import key material').click();
  await c.confirmDialog('Import again into this key?', 'Import again');
  const error = page.getByTestId('error-import');
  await expect(error).toContainText('can only ever be reimported with the same material', slow);
  await expect(error).toContainText('Load the original key material');
  await c.snap('different-material-refused');

  // Delete the material in KMS after main's own confirmation (native; the scripted dialog here) naming the key
  // ARN and alias, then reimport the organisation's own copy.
  await page.getByTestId('stepper-key').click();
  await c.heading('Key');
  bridge.dialogs.answer('confirm', true);
  await c.button('Delete imported key material').click();
  await expect(page.getByTestId('key-facts')).toContainText('PendingImport', slow);
  const question = bridge.dialogs.asked.at(-1);
  expect(question?.kind).toBe('confirm');
  expect(question?.message).toMatch(/^Delete the imported key material from arn:aws:kms:/);
  expect(question?.detail).toContain('alias/e2e/reimport');
  await c.idle();
  await c.snap('material-deleted');

  await page.getByTestId('stepper-material').click();
  await c.heading('Key material');
  expect(await c.loadMaterial(original, undefined, { replace: true })).toBe(originalFacts);
  await c.wrap();
  await c.importMaterial({ days: 90 });
  expect(await c.verify()).toBe(firstId);
  expect(c.axeFindings).toEqual([]);
});
