/**
 * The multi-Region ceremony in the app (issue 13): a multi-Region EXTERNAL primary, its import, Replicate to
 * Regions (refusals in words, main's native question, progress while KMS creates the replicas), then in each
 * replica Region its own parameters and fingerprint confirmation, a wrap of the same material, approval,
 * import and proof; the same KeyMaterialId in all three Regions, per-Region results on Finish and in the
 * record. axe on every screen.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';
import { activate } from './keyboard';

const slow = { timeout: 60_000 };
// The bridge's emulator keeps a replica Creating for 4 s (AWS: minutes), so the progress is seen and ends.
test.use({ emulatorDelays: { replicaCreatingSeconds: 4 } });

test('multi-Region: primary, replicate to 2 Regions, the same material imported and proven in each, per-Region results on Finish', async ({
  page,
  bridge,
}, testInfo) => {
  test.setTimeout(300_000); // three imports (one per Region), each as long as a whole single-Region ceremony
  const c = new Ceremony(page, bridge, testInfo, { axe: true, prefix: 'mr' });
  // The screens every ceremony has are scanned by their own specs; here axe scans the new ones (and the
  // first replica's steps, under the Region banner), on a 2-core machine where each scan takes seconds.
  const q = new Ceremony(page, bridge, testInfo, { prefix: 'mr-steps' });
  await c.open();
  await c.connectEmulator();

  // The key: a multi-Region EXTERNAL primary.
  await c.idle();
  await page.getByRole('tab', { name: 'New key' }).click();
  await page.getByLabel('Alias').fill('e2e/multi-region');
  await page.getByRole('switch', { name: 'Multi-Region' }).check();
  await page.getByRole('checkbox', { name: /I understand/ }).check();
  await c.button('Create key').click();
  await expect(page.getByTestId('key-facts')).toContainText('PendingImport', slow);
  const regionsTable = page.getByTestId('region-status');
  await expect(regionsTable.locator('tr[data-region="us-east-1"]')).toHaveAttribute('data-result', 'pending');
  await expect(page.getByTestId('replicate-disabled')).toContainText('Import the material into the primary');
  await c.idle();
  await c.snap('key-multi-region');
  await c.next('Import parameters');

  // The primary's import, as for any key.
  await q.getParameters();
  await q.generateMaterial();
  await q.wrap();
  await q.importMaterial({ days: 365 });
  const keyMaterialId = await c.verify();
  expect(keyMaterialId).toMatch(/^[0-9a-f]{64}$/);
  await expect(regionsTable.locator('tr[data-region="us-east-1"]')).toHaveAttribute('data-result', 'done');

  // Refusals in words: a name AWS would not recognise (here), then an existing replica (main).
  const other = page.getByRole('textbox', { name: 'Other Regions' });
  await other.fill('eu-west');
  await expect(page.getByTestId('replicate-form')).toContainText(
    '“eu-west” is not a Region name: AWS names Regions like eu-west-1',
  );
  await expect(c.button('Replicate to Regions')).toBeDisabled();
  await c.snap('replicate-bad-name');
  await other.fill('');

  // Replicate: main asks natively, naming the key and the Regions.
  // By keyboard, as every control of these screens.
  await activate(page, page.getByRole('checkbox', { name: /^eu-west-1 / }), 'Space');
  await activate(page, page.getByRole('checkbox', { name: /^ap-southeast-2 / }), 'Space');
  bridge.dialogs.answer('confirm', true);
  await activate(page, c.button('Replicate to Regions'));
  await expect(page.getByTestId('replica-progress')).toContainText(
    'KMS is creating the replicas in eu-west-1, ap-southeast-2',
    slow,
  );
  expect(bridge.dialogs.asked.at(-1)).toMatchObject({
    kind: 'confirm',
    message: expect.stringMatching(
      /^Create replicas of arn:aws:kms:us-east-1:111122223333:key\/mrk-[0-9a-f]+ in eu-west-1, ap-southeast-2\?$/,
    ),
  });
  await c.snap('replicas-creating');
  for (const region of ['eu-west-1', 'ap-southeast-2'])
    await expect(regionsTable.locator(`tr[data-region="${region}"]`)).toContainText('PendingImport', slow);
  await expect(page.getByTestId('replica-progress')).toHaveCount(0);

  // An existing replica named again: main refuses, in words, and changes nothing.
  await other.fill('eu-west-1');
  await c.button('Replicate to Regions').click();
  const refusal = page.getByTestId('error-multi-region');
  await expect(refusal).toContainText('eu-west-1 already holds a replica of mrk-', slow);
  await expect(refusal).toContainText('REPLICA_EXISTS');
  await c.idle();
  await c.snap('replicate-refused');
  await other.fill('');

  // Each replica Region: its own parameters and fingerprint, the same material wrapped, approval, import, proof.
  for (const region of ['eu-west-1', 'ap-southeast-2']) {
    const r = region === 'eu-west-1' ? c : q;
    await activate(page, c.button(`Import into ${region}`));
    await c.heading('Import parameters');
    await expect(page.getByTestId('region-banner')).toContainText(`replica Region ${region}`);
    await r.getParameters();
    await expect(page.getByTestId('material-facts')).toContainText('generated'); // the same material, kept
    await r.snap(`material-${region}`);
    await r.next('Wrap');
    await r.wrap();
    await r.importMaterial({ days: 365 });
    await expect(page.getByTestId('import-result')).toContainText(keyMaterialId);
    await r.next('Verify');
    await activate(page, c.button(`Prove ${region}`));
    await expect(page.getByTestId('region-proof')).toContainText(
      `${region} holds key material ${keyMaterialId}, the same KeyMaterialId as the primary in us-east-1.`,
      slow,
    );
    await expect(regionsTable.locator(`tr[data-region="${region}"]`)).toHaveAttribute('data-result', 'done');
    await c.idle();
    await r.snap(`proven-${region}`);
  }
  await expect(page.getByTestId('same-material')).toContainText(
    `KeyMaterialId ${keyMaterialId} — identical in all 3 Regions.`,
  );
  for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2'])
    await expect(regionsTable.locator(`tr[data-region="${region}"]`)).toContainText(keyMaterialId);

  // Finish: the per-Region results, then the record lists them.
  await c.next('Finish');
  const results = page.getByTestId('finish-regions');
  await expect(results.locator('tr[data-result="done"]')).toHaveCount(3, slow);
  await expect(page.getByTestId('finish-same-material')).toHaveText(
    `Identical KeyMaterialId ${keyMaterialId} in all 3 Regions.`,
  );
  await c.snap('finish');
  await activate(page, c.button('Finish ceremony'));
  await expect(page.getByTestId('finished')).toContainText('is closed', slow);
  const records = path.join(bridge.workDir, 'records');
  mkdirSync(records);
  bridge.dialogs.answer('folder', records);
  await activate(page, c.button('Save the ceremony record…'));
  await expect(page.getByTestId('record-files')).toBeVisible(slow);
  const files = (await page.getByTestId('record-files').locator('li').allTextContents()).map((f) => f.trim());
  const record = JSON.parse(
    readFileSync(
      files.find((f) => f.endsWith('.json'))!,
      'utf8',
    ),
  ) as {
    summary: { regions: { region: string; result: string; keyMaterialId: string | null }[] };
  };
  expect(record.summary.regions.map((r) => [r.region, r.result, r.keyMaterialId])).toEqual([
    ['us-east-1', 'proven', keyMaterialId],
    ['eu-west-1', 'proven', keyMaterialId],
    ['ap-southeast-2', 'proven', keyMaterialId],
  ]);
  expect(c.axeFindings).toEqual([]);
});
