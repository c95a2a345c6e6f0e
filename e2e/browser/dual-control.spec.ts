/**
 * Issue 10 in the browser, through the bridge (real main-process handlers): two witnesses each approve the
 * import by name (keyboard only), Wrap is unavailable with the reason while no witness has confirmed the
 * fingerprint, and the Finish step closes the ceremony and saves a record that says closed, verifies
 * without --allow-open, and spells every name right in the PDF (pdftotext). axe on the new screens.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../electron/cli/main';
import { exportStationPublicKey, loadOrCreateStationKey } from '../../electron/core/transcript';
import { expect, test } from '../fixtures';
import { Ceremony } from './ceremony';
import { activate } from './keyboard';

const people = { operator: 'Zoë Ångström', witnesses: ['李雷', 'Łukasz Dvořák'] };
const slow = expect.configure({ timeout: 60_000 });

test('two witnesses approve by name (keyboard only); Finish closes the ceremony and its record says closed, verifies and spells the names', async ({
  page,
  bridge,
}, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo, { axe: true });
  await c.open(people);
  await c.connectEmulator();
  await c.createKey({ keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC', alias: 'e2e/dual-control' });
  await c.getParameters();
  await c.generateMaterial();
  await c.wrap();

  // Approval: what is approved is on screen, with the quorum; each witness approves by name, by keyboard.
  await c.button('30 days').click();
  await activate(page, c.button('Request witness approval'));
  const request = page.getByTestId('approval-request');
  await slow(request).toBeVisible();
  for (const label of [
    'Key ARN',
    'Region / account',
    'EncryptedKeyMaterial',
    'Check value',
    'Approval request',
  ])
    await expect(request).toContainText(label);
  const quorum = page.getByTestId('approval-quorum');
  await expect(quorum).toHaveAttribute('data-approved', '0');
  await expect(quorum).toHaveAttribute('data-needed', '2');
  await c.snap('approval');
  for (const [i, witness] of people.witnesses.entries()) {
    await activate(page, c.button(`Approve as ${witness}`));
    await slow(quorum).toHaveAttribute('data-approved', String(i + 1));
    await expect(
      page.getByTestId('approval-witnesses').locator('li[data-approved="true"]').filter({ hasText: witness }),
    ).toHaveCount(1);
  }
  await expect(page.getByText('2 of 2 approvals needed — the import may be sent')).toBeVisible();
  await c.idle();
  await c.snap('approved');
  await activate(page, c.button('Import key material'));
  await slow(page.getByTestId('import-result')).toContainText('Enabled');
  await c.idle();
  await c.verify();

  // Finish: the summary, then the transcript is closed, then the record of the closed transcript.
  await c.next('Finish');
  const summary = page.getByTestId('finish-summary');
  await expect(summary).toContainText('REHEARSAL');
  await expect(summary).toContainText('alias/e2e/dual-control');
  await expect(summary).toContainText('李雷, Łukasz Dvořák (2 of 2 needed)');
  await expect(summary).toContainText('PASSED');
  await c.snap('finish');
  await activate(page, c.button('Finish ceremony'));
  await slow(page.getByTestId('finished')).toContainText('is closed');
  await expect(page.getByTestId('transcript-button')).toHaveCount(0);
  await c.snap('finished');
  const records = path.join(bridge.workDir, 'records');
  mkdirSync(records);
  bridge.dialogs.answer('folder', records);
  await activate(page, c.button('Save the ceremony record…'));
  const files = (
    await slow(page.getByTestId('record-files'))
      .toBeVisible()
      .then(() => page.getByTestId('record-files').locator('li').allTextContents())
  ).map((f) => f.trim());
  expect(files.map((f) => path.extname(f)).sort()).toEqual(['.html', '.json', '.pdf']);

  const json = files.find((f) => f.endsWith('.json'))!;
  const record = JSON.parse(readFileSync(json, 'utf8')) as {
    ceremonyId: string;
    transcript: { closed: boolean; eventCount: number };
  };
  expect(record.transcript.closed).toBe(true);

  // verify-transcript accepts the closed transcript against the record without --allow-open.
  const station = path.join(bridge.workDir, 'station');
  const pub = path.join(bridge.workDir, 'station.pub.pem');
  await exportStationPublicKey(await loadOrCreateStationKey(path.join(station, 'station-key')), pub);
  const out: string[] = [];
  const code = await main(
    [
      'verify-transcript',
      path.join(station, 'transcripts', `${record.ceremonyId}.online.jsonl`),
      '--public-key',
      pub,
      '--record',
      json,
    ],
    { stdout: (t) => out.push(t), stderr: (t) => out.push(t) },
  );
  expect(out.join('\n')).toMatch(/ceremony closed/);
  expect(code).toBe(0);

  // The PDF spells every name (Latin with diacritics, CJK) and says it is a rehearsal, closed.
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', files.find((f) => f.endsWith('.pdf'))!, '-'], {
    encoding: 'utf8',
  });
  for (const name of [people.operator, ...people.witnesses]) expect(text).toContain(name);
  expect(text).toMatch(/REHEARSAL/);
  expect(text).not.toMatch(/not closed/i);

  // Back on the start screen, the closed ceremony's record can be saved again.
  await activate(page, c.button('Back to the start screen'));
  await c.heading('Start a ceremony');
  await expect(page.getByTestId('closed-ceremonies')).toContainText(record.ceremonyId);
  const again = path.join(bridge.workDir, 'again');
  mkdirSync(again);
  bridge.dialogs.answer('folder', again);
  await c.button(`Save record of ${record.ceremonyId}…`).click();
  await slow(page.getByTestId('closed-ceremonies')).toContainText('record saved:');
  expect(c.axeFindings).toEqual([]);
});

test('without a witness confirming the fingerprint, Wrap is unavailable and says why', async ({
  page,
  bridge,
}, testInfo) => {
  const c = new Ceremony(page, bridge, testInfo, { axe: true });
  await c.open(people);
  await c.connectEmulator();
  await c.createKey({ keySpec: 'SYMMETRIC_DEFAULT', alias: 'e2e/no-fingerprint' });
  await c.button('Get import parameters').click();
  await slow(page.getByTestId('public-key-fingerprint')).toBeVisible();
  await c.idle();
  await c.next('Key material'); // skipping the confirmation
  await c.generateMaterial();
  const wrap = c.button('Wrap key material');
  await expect(wrap).toBeDisabled();
  await expect(page.getByTestId('policy-wrap')).toContainText(
    'No witness has confirmed the wrapping public key fingerprint on this station.',
  );
  await expect(page.getByTestId('policy-wrap')).toContainText('A witness confirms the fingerprint in step');
  await c.snap('wrap-unavailable');
  expect(c.axeFindings).toEqual([]);
});
