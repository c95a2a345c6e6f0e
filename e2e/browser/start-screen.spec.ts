import { existsSync } from 'node:fs';
import path from 'node:path';
import { createStationServices } from '../../electron/main/services';
import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';

/** A ceremony left open on this station's data folder, as when the app quit mid-ceremony. */
async function interruptedCeremony(dataDir: string, operator: string, witness: string) {
  const services = createStationServices(dataDir);
  const info = await services.session.startCeremony({ station: 'online', operator, witnesses: [witness] });
  await services.close();
  return info;
}

test('start screen: interrupted ceremonies are resumed with their names or marked aborted with a reason; auditors export the station key and verify a transcript file', async ({
  page,
  bridge,
}, testInfo) => {
  const dataDir = path.join(bridge.workDir, 'station');
  const resumable = await interruptedCeremony(dataDir, 'Olga Operator', 'Wim Witness');
  const abandoned = await interruptedCeremony(dataDir, 'Otto Operator', 'Wanda Witness');
  const c = new Ceremony(page, bridge, testInfo, { axe: true });

  await page.goto(bridge.url);
  await c.heading('Start a ceremony');
  const list = page.getByTestId('interrupted-list');
  await expect(list).toContainText(resumable.ceremonyId);
  await expect(list).toContainText(abandoned.ceremonyId);
  await expect(list).toContainText('Olga Operator');
  await c.snap('interrupted');

  // Mark aborted: only with a reason; the ceremony then leaves the list.
  await c.button(`Mark ${abandoned.ceremonyId} aborted`).click();
  const dialog = page.getByRole('dialog', { name: 'Mark this ceremony aborted?' });
  await expect(dialog.getByRole('button', { name: 'Mark aborted' })).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Rehearsal stopped by the security officer');
  await expect(page.locator('.MuiDialog-container')).toHaveCSS('opacity', '1');
  await c.snap('mark-aborted');
  await dialog.getByRole('button', { name: 'Mark aborted' }).click();
  await expect(list).not.toContainText(abandoned.ceremonyId);
  await expect(list).toContainText(resumable.ceremonyId);

  // Auditors: the station key, and any transcript verified against it.
  bridge.dialogs.answer('folder', bridge.workDir);
  await c.button('Export station public key…').click();
  const exported = page.getByTestId('station-key-exported');
  await expect(exported).toContainText('.pub.pem');
  const pem = ((await exported.locator('code').textContent()) ?? '').trim();
  expect(existsSync(pem)).toBe(true);
  bridge.dialogs.answer('open', abandoned.transcriptPath);
  await c.button('Verify a transcript…').click();
  const verified = page.getByTestId('verified-transcript');
  await expect(verified.getByTestId('transcript-verification')).toHaveAttribute('data-intact', 'true');
  await expect(verified).toContainText('ceremony.aborted');
  await expect(verified).toContainText('Rehearsal stopped by the security officer');
  await c.idle();
  await c.snap('auditor');

  // Resume: the same station and names, the same transcript continued.
  await c.button(`Resume ${resumable.ceremonyId}`).click();
  await c.heading('Connect');
  await c.openTranscript();
  await expect(page.getByRole('dialog')).toContainText(resumable.ceremonyId);
  await expect(page.getByRole('dialog')).toContainText('operator Olga Operator · witnesses Wim Witness');
  await expect(page.getByTestId('transcript-verification')).toHaveAttribute('data-intact', 'true');
  await c.snap('resumed-transcript');
  await c.button('Abort ceremony').click();
  const abort = page.getByRole('dialog', { name: 'Abort the ceremony?' });
  await abort.getByRole('textbox', { name: 'Reason' }).fill('Wrong key owner on the form');
  await abort.getByRole('button', { name: 'Abort', exact: true }).click();
  await c.heading('Start a ceremony');
  await expect(page.getByTestId('interrupted-list')).toHaveCount(0);
  expect(c.axeFindings).toEqual([]);
});
