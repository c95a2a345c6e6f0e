/**
 * A multi-Region key across the air gap in the app (issue 13): the material expired in the primary and its
 * replica, and the officers reimport their kept copy from an air-gapped station. Online: the primary's
 * parameters, then every replica Region's (per-Region progress), one parameters bundle; offline: each
 * Region's fingerprint confirmed (wrapping refused, in words, while one is not), the same material wrapped
 * for every Region, one wrapped bundle; online: the primary imported and verified, then "Import into
 * <Region>" with that Region's approval and proof; per-Region results on Finish and in the record. axe on
 * the new screens.
 */
import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
  ReplicateKeyCommand,
} from '@aws-sdk/client-kms';
import type { RunningEmulator } from '../../electron/core/emulator';
import { test, expect } from '../fixtures';
import { bundleIn, startStation } from './air-gap';
import { Ceremony } from './ceremony';

const slow = { timeout: 60_000 };
const ALIAS = 'alias/e2e/air-gap-mr';
test.use({ emulatorDelays: { replicaCreatingSeconds: 1 } });

/** With the SDK, as AWS would hold it: a multi-Region primary and a replica, `material` expired in both. */
async function expiredMultiRegionKey(emulator: RunningEmulator, material: Buffer, replica: string) {
  const client = (region: string) =>
    new KMSClient({
      endpoint: emulator.endpoint,
      region,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
  const importInto = async (kms: KMSClient, keyId: string) => {
    const p = await kms.send(
      new GetParametersForImportCommand({
        KeyId: keyId,
        WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
        WrappingKeySpec: 'RSA_2048',
      }),
    );
    const key = createPublicKey({ key: Buffer.from(p.PublicKey!), format: 'der', type: 'spki' });
    await kms.send(
      new ImportKeyMaterialCommand({
        KeyId: keyId,
        ImportToken: p.ImportToken,
        EncryptedKeyMaterial: publicEncrypt(
          { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
          material,
        ),
        ExpirationModel: 'KEY_MATERIAL_EXPIRES',
        ValidTo: new Date(emulator.now().getTime() + 86_400_000),
      }),
    );
  };
  const east = client('us-east-1');
  const other = client(replica);
  try {
    const { KeyMetadata } = await east.send(new CreateKeyCommand({ Origin: 'EXTERNAL', MultiRegion: true }));
    const keyId = KeyMetadata!.KeyId!;
    await east.send(new CreateAliasCommand({ AliasName: ALIAS, TargetKeyId: keyId }));
    await importInto(east, keyId);
    await east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: replica }));
    emulator.advanceClock(60);
    await importInto(other, keyId);
    emulator.advanceClock(2 * 86_400);
    return keyId;
  } finally {
    east.destroy();
    other.destroy();
  }
}

test('multi-Region air gap: one parameters bundle with every Region, each fingerprint confirmed and wrapped offline, each Region imported and proven online', async ({
  page,
  bridge,
  browser,
}, testInfo) => {
  test.setTimeout(300_000); // two stations, two imports
  const media = path.join(bridge.workDir, 'removable-media');
  mkdirSync(media);
  const material = randomBytes(32);
  const kept = path.join(bridge.workDir, 'kept-material.bin');
  writeFileSync(kept, material, { mode: 0o600 });
  const keyId = await expiredMultiRegionKey(
    (await bridge.emulator()) as unknown as RunningEmulator,
    material,
    'eu-west-1',
  );
  const offline = await startStation(browser);
  try {
    // The screens every air-gapped ceremony has are scanned by air-gap.spec; axe scans the new ones here
    // (each scan takes seconds on a 2-core machine).
    const on = new Ceremony(page, bridge, testInfo, { prefix: 'online' });
    const off = new Ceremony(offline.page, offline.bridge, testInfo, { prefix: 'offline' });
    const onNew = new Ceremony(page, bridge, testInfo, { axe: true, prefix: 'online-new' });
    const offNew = new Ceremony(offline.page, offline.bridge, testInfo, { axe: true, prefix: 'offline-new' });

    // ── online: the primary's parameters, then the replica's, one bundle ──
    await on.open();
    await on.connectEmulator();
    await page.getByRole('tab', { name: 'Existing key' }).click();
    const row = page
      .getByRole('table', { name: 'Keys in this account and Region' })
      .getByRole('row')
      .filter({ hasText: ALIAS });
    await row.getByRole('radio', { name: ALIAS }).check();
    await on.button('Describe key').click();
    await expect(page.getByTestId('key-facts')).toContainText('PendingImport', slow);
    await expect(page.getByTestId('region-status').locator('tr[data-region="eu-west-1"]')).toContainText(
      'PendingImport',
      slow,
    );
    await on.idle();
    await on.next('Import parameters');
    await on.button('Get import parameters').click();
    await expect(page.getByTestId('public-key-fingerprint')).toContainText(/([0-9A-F]{4} ){15}/, slow);
    await on.idle();
    const regions = page.getByTestId('bundle-regions');
    await expect(regions.locator('tr[data-region="eu-west-1"]')).toHaveAttribute('data-state', 'missing');
    await on.button('Get parameters in every replica Region').click();
    await expect(regions.locator('tr[data-region="eu-west-1"]')).toHaveAttribute(
      'data-state',
      'fetched',
      slow,
    );
    await expect(regions.locator('tr[data-region="eu-west-1"]')).toContainText('Fetched, valid until');
    await on.idle();
    const euWords = await page
      .getByTestId('public-key-fingerprint-eu-west-1')
      .locator('.pgp-word')
      .allTextContents();
    expect(euWords).toHaveLength(32);
    const words = await page.getByTestId('public-key-fingerprint').locator('.pgp-word').allTextContents();
    expect(euWords).not.toEqual(words); // the replica's own wrapping key
    await onNew.snap('bundle-regions');
    bridge.dialogs.answer('folder', media);
    await on.button('Save parameters bundle…').click();
    await expect(page.getByTestId('parameters-bundle-saved')).toContainText(
      'WrappingPublicKey.eu-west-1.bin',
      slow,
    );
    await on.idle();

    // ── offline: each Region's fingerprint; wrapping for every Region refused until each is confirmed ──
    await off.openOffline(bundleIn(media, '-parameters'), 'folder', {
      operator: 'Olga Operator',
      witnesses: ['Victor Witness'],
    });
    await off.heading('Parameters');
    const euSection = offline.page.getByTestId('region-parameters-eu-west-1');
    await expect(euSection).toContainText(`arn:aws:kms:eu-west-1:111122223333:key/${keyId}`);
    expect(
      await offline.page
        .getByTestId('public-key-fingerprint-eu-west-1')
        .locator('.pgp-word')
        .allTextContents(),
    ).toEqual(euWords);
    await expect(offline.page.getByTestId('parameters-warnings')).not.toContainText('script');
    await off.button('Matches — confirmed aloud').click();
    await expect(offline.page.getByTestId('fingerprint-confirmation')).toHaveAttribute(
      'data-matched',
      'true',
    );
    await off.idle();
    await offNew.snap('parameters-regions');
    await off.next('Key material');
    await off.loadMaterial(kept);
    await off.button('Wrap key material').click();
    await expect(offline.page.getByTestId('wrapped-sha256')).toContainText(/SHA-256 [0-9A-F]{4} /, slow);
    await off.idle();
    await off.next('Wrapped bundle');
    const wraps = offline.page.getByTestId('region-wraps');
    await expect(wraps.locator('tr[data-region="eu-west-1"]')).toHaveAttribute('data-wrapped', 'false');
    await off.button('Wrap for every other Region').click();
    await expect(offline.page.getByTestId('error-region-wrap')).toContainText(
      'No witness has confirmed the wrapping public key fingerprint for eu-west-1.',
      slow,
    );
    await expect(wraps.locator('tr[data-region="eu-west-1"]')).toHaveAttribute('data-wrapped', 'false');
    await expect(off.button('Save wrapped bundle…')).toBeDisabled();
    await expect(offline.page.getByTestId('bundle-needs-regions')).toHaveText(
      'Wrap for eu-west-1 first: the wrapped bundle carries every Region.',
    );
    await off.idle();
    await offNew.snap('region-wrap-refused');

    // The witness types the replica's words as read aloud at the online station.
    await offline.page.getByTestId('stepper-parameters').click();
    await off.heading('Parameters');
    await offline.page
      .getByRole('textbox', { name: 'Words as heard on the other station (eu-west-1)', exact: true })
      .fill(euWords.join(' '));
    await off.button('Check the words (eu-west-1)').click();
    await expect(offline.page.getByTestId('fingerprint-confirmation-eu-west-1')).toHaveAttribute(
      'data-matched',
      'true',
    );
    await expect(offline.page.getByTestId('region-confirmed-eu-west-1')).toContainText('Victor Witness');
    await off.idle();
    await offline.page.getByTestId('stepper-bundle').click();
    await off.heading('Wrapped bundle');
    await off.button('Wrap for every other Region').click();
    await expect(wraps.locator('tr[data-region="eu-west-1"]')).toHaveAttribute('data-wrapped', 'true', slow);
    await expect(wraps.locator('tr[data-region="eu-west-1"]')).toContainText('Victor Witness');
    await off.idle();
    await offNew.snap('region-wrapped');
    offline.bridge.dialogs.answer('folder', media);
    await off.button('Save wrapped bundle…').click();
    await expect(offline.page.getByTestId('wrapped-bundle-saved')).toContainText(
      'EncryptedKeyMaterial.eu-west-1.bin',
      slow,
    );
    await off.idle();
    await off.finish();

    // ── online: the primary as today, then "Import into eu-west-1" with its approval and proof ──
    await on.next('Key material');
    bridge.dialogs.answer('folder', bundleIn(media, '-wrapped'));
    await on.button('Load wrapped bundle (folder)…').click();
    await on.heading('Import');
    await on.idle();
    await on.importMaterial({ days: 90 });
    const keyMaterialId = await on.verify();
    const table = page.getByTestId('region-status');
    await expect(table.locator('tr[data-region="us-east-1"]')).toHaveAttribute('data-result', 'done', slow);
    await expect(table.locator('tr[data-region="eu-west-1"]')).toHaveAttribute('data-result', 'pending');
    await on.button('Import into eu-west-1').click();
    await on.heading('Import');
    await expect(page.getByTestId('region-banner')).toContainText('wrapped on the offline station');
    await expect(page.getByTestId('import-summary')).toContainText('offline events merged');
    await on.idle();
    await onNew.snap('import-eu-west-1');
    await on.importMaterial({ days: 90 });
    await expect(page.getByTestId('import-result')).toContainText(keyMaterialId);
    await on.next('Verify');
    await on.button('Prove eu-west-1').click();
    await expect(page.getByTestId('region-proof')).toContainText(
      `eu-west-1 holds key material ${keyMaterialId}, the same KeyMaterialId as the primary in us-east-1.`,
      slow,
    );
    await expect(page.getByTestId('same-material')).toContainText(
      `KeyMaterialId ${keyMaterialId} — identical in all 2 Regions.`,
      slow,
    );
    await on.idle();
    await onNew.snap('proven-eu-west-1');

    await on.next('Finish');
    await expect(page.getByTestId('finish-regions').locator('tr[data-result="done"]')).toHaveCount(2, slow);
    await on.button('Finish ceremony').click();
    await expect(page.getByTestId('finished')).toContainText('is closed', slow);
    const records = path.join(bridge.workDir, 'records');
    mkdirSync(records);
    bridge.dialogs.answer('folder', records);
    await on.button('Save the ceremony record…').click();
    await expect(page.getByTestId('record-files')).toBeVisible(slow);
    const json = readdirSync(records, { recursive: true })
      .map(String)
      .find((f) => f.endsWith('.json'))!;
    const record = JSON.parse(readFileSync(path.join(records, json), 'utf8')) as {
      summary: { regions: { region: string; result: string; keyMaterialId: string | null }[] };
    };
    expect(record.summary.regions.map((r) => [r.region, r.result, r.keyMaterialId])).toEqual([
      ['us-east-1', 'proven', keyMaterialId],
      ['eu-west-1', 'proven', keyMaterialId],
    ]);
    expect([...onNew.axeFindings, ...offNew.axeFindings]).toEqual([]);
  } finally {
    await offline.close();
  }
});
