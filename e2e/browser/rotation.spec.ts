/**
 * Rotation of imported material in the app (issue 13), through the bridge's real handlers: a first
 * ceremony imports a key's material; a second one rotates it — "Rotate to new key material" on the Key
 * step, the usual Parameters / Key material / Wrap / Import steps with NEW_KEY_MATERIAL, step Rotate
 * (the new material waiting, the witnesses' approval of RotateKeyOnDemand, progress while KMS rotates,
 * the proof) and Finish, whose record says it was a rotation. A refusal in words: rotating again while
 * KMS still rotates. axe on every screen.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect as baseExpect } from '@playwright/test';
import { DEFAULT_ROTATION_SECONDS } from '../../electron/core/emulator/timing';
import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';

const slow = baseExpect.configure({ timeout: 60_000 });

test('a key’s material is rotated in a ceremony of its own, proven, and recorded as a rotation; axe finds nothing serious', async ({
  page,
  bridge,
}, testInfo) => {
  // Two ceremonies of several KMS round trips each, with axe on the rotation's screens.
  test.setTimeout(300_000);
  // First ceremony: the key and its first material (its screens are scanned by the other specs).
  const first = new Ceremony(page, bridge, testInfo, { prefix: 'first' });
  await first.open();
  await first.connectEmulator();
  await first.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/rotation' });
  await first.getParameters();
  await first.generateMaterial();
  await first.wrap();
  await first.importMaterial({ days: 30 });
  const firstId = await first.verify();
  await first.openTranscript();
  await first.finish();

  // Second ceremony: the rotation, from the Key step of an existing key.
  const c = new Ceremony(page, bridge, testInfo, { axe: true, prefix: 'rotation' });
  await c.open();
  await c.connectEmulator();
  await page.getByRole('radio', { name: 'alias/e2e/rotation' }).check();
  await c.button('Describe key').click();
  await slow(page.getByTestId('key-facts')).toContainText(firstId);
  await c.idle();
  const rotate = c.button('Rotate to new key material');
  await expect(rotate).toBeEnabled();
  await c.snap('key-step-rotation');
  await rotate.click();
  await c.heading('Import parameters');
  await c.idle();
  await c.getParameters();
  await c.generateMaterial();
  await c.wrap();

  // Import: NEW_KEY_MATERIAL with a description, bound into the witnesses' approval.
  await expect(page.getByTestId('rotation-import-note')).toContainText('NEW_KEY_MATERIAL');
  await page.getByRole('textbox', { name: 'KeyMaterialDescription (optional)' }).fill('2027 rotation: e2e');
  await expect(page.getByTestId('import-summary')).toContainText('new key material for a rotation');
  await c.importMaterial({ days: 90 });
  await expect(page.getByTestId('approval-request')).toContainText('NEW_KEY_MATERIAL');
  await expect(page.getByTestId('approval-request')).toContainText('2027 rotation: e2e');
  const newId = ((await page.getByTestId('import-result').locator('dd').nth(3).textContent()) ?? '').trim();
  expect(newId).toMatch(/^[0-9a-f]{64}$/);

  // Rotate: the new material waits; the witnesses approve RotateKeyOnDemand.
  await c.next('Rotate');
  const table = page.getByRole('table', { name: 'Key materials' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').filter({ hasText: newId })).toContainText('Waiting for rotation');
  await expect(table.getByRole('row').filter({ hasText: newId })).toContainText('2027 rotation: e2e');
  await expect(table.getByRole('row').filter({ hasText: firstId })).toContainText('Current');
  await expect(page.getByTestId('policy-rotation.rotate')).toContainText('0 of the 1 witness approvals');
  await expect(c.button('Rotate now (RotateKeyOnDemand)')).toBeDisabled();
  await c.snap('rotate-step');
  await c.button('Request rotation approval').click();
  const request = page.getByTestId('rotation-approval-request');
  await slow(request).toContainText(newId);
  await expect(request).toContainText(firstId);
  for (const witness of c.people.witnesses) await c.button(`Approve rotation as ${witness}`).click();
  await expect(page.getByTestId('rotation-quorum')).toHaveAttribute('data-approved', '1');
  await c.idle();
  await c.snap('rotation-approved');
  await c.button('Rotate now (RotateKeyOnDemand)').click();
  const progress = page.getByTestId('rotation-progress');
  await slow(progress).toContainText(`the current material is still ${firstId}`);
  await c.snap('rotating');

  // While KMS rotates, the Key step refuses another rotation, in words.
  await page.getByTestId('stepper-key').click();
  await c.heading('Key');
  const refusal = page.getByTestId('rotation-refusal');
  await slow(refusal).toContainText('is still in progress');
  await expect(c.button('Rotate to new key material')).toBeDisabled();
  await c.snap('rotation-refused-in-progress');
  await page.getByTestId('stepper-rotate').click();
  await c.heading('Rotate');

  // KMS completes the rotation (the emulator's 30 s, moved on), and the app proves it.
  (await bridge.emulator()).advanceClock(DEFAULT_ROTATION_SECONDS);
  await slow(page.getByTestId('rotation-completed')).toContainText(newId);
  await c.button('Prove the rotation').click();
  const proof = page.getByTestId('rotation-proof');
  await slow(proof).toContainText(`a new ciphertext was decrypted with key material ${newId}`);
  await expect(proof).toContainText(`still decrypts, with the previous material ${firstId}`);
  await expect(table.getByRole('row').filter({ hasText: newId })).toContainText('Current');
  await expect(table.getByRole('row').filter({ hasText: firstId })).toContainText('Previous');
  await c.idle();
  await c.snap('rotation-proven');

  await c.next('Finish');
  const summary = page.getByTestId('finish-summary');
  await expect(summary).toContainText('Rotation of imported key material');
  await expect(summary).toContainText(`from ${firstId} to ${newId}`);
  await c.snap('finish');
  const recordDir = mkdtempSync(path.join(bridge.workDir, 'record-'));
  await c.openTranscript();
  const files = await c.finish({ saveRecordTo: recordDir });
  const html = files.find((f) => f.endsWith('.html'));
  expect(html, files.join(', ')).toBeDefined();
  const text = readFileSync(path.join(recordDir, path.basename(html!)), 'utf8');
  expect(text).toContain(`to new imported key material: from ${firstId} to ${newId}`);
  expect(c.axeFindings).toEqual([]);
});
