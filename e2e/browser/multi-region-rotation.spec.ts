/**
 * Rotation of a multi-Region key in the app (issue 13, spec §4.4 step 6), through the bridge's real
 * handlers: a primary in us-east-1 with a replica in eu-west-1 (made with the SDK, as AWS would hold it);
 * "Rotate to new key material" imports NEW material into the primary, step Rotate's Regions table walks the
 * replica (its own parameters, fingerprint, wrap, approval, import of the same material), refuses the
 * rotation until every Region holds it, then the witnesses approve RotateKeyOnDemand on the primary and the
 * proof covers the replica. axe on the new screens.
 */
import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
  ReplicateKeyCommand,
} from '@aws-sdk/client-kms';
import { expect as baseExpect } from '@playwright/test';
import type { RunningEmulator } from '../../electron/core/emulator';
import {
  DEFAULT_REPLICA_CREATING_SECONDS,
  DEFAULT_ROTATION_SECONDS,
} from '../../electron/core/emulator/timing';
import { test, expect } from '../fixtures';
import { Ceremony } from './ceremony';

const slow = baseExpect.configure({ timeout: 60_000 });

/** The same 32 bytes imported into the primary and into its replica (each with its own parameters). */
async function importInto(kms: KMSClient, keyId: string, material: Buffer, emulator: RunningEmulator) {
  const params = await kms.send(
    new GetParametersForImportCommand({
      KeyId: keyId,
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
    material,
  );
  const r = await kms.send(
    new ImportKeyMaterialCommand({
      KeyId: keyId,
      ImportToken: params.ImportToken,
      EncryptedKeyMaterial: wrapped,
      ExpirationModel: 'KEY_MATERIAL_EXPIRES',
      ValidTo: new Date(emulator.now().getTime() + 300 * 86_400_000),
    }),
  );
  return r.KeyMaterialId!;
}

/** A multi-Region primary (alias e2e/mr-rotation) with its first material, replicated to eu-west-1. */
async function replicatedKey(emulator: RunningEmulator) {
  const client = (region: string) =>
    new KMSClient({
      endpoint: emulator.endpoint,
      region,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
  const [home, replica] = [client('us-east-1'), client('eu-west-1')];
  try {
    const { KeyMetadata } = await home.send(new CreateKeyCommand({ Origin: 'EXTERNAL', MultiRegion: true }));
    const keyId = KeyMetadata!.KeyId!;
    const material = randomBytes(32);
    const firstId = await importInto(home, keyId, material, emulator);
    await home.send(new CreateAliasCommand({ AliasName: 'alias/e2e/mr-rotation', TargetKeyId: keyId }));
    await home.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }));
    emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
    await importInto(replica, keyId, material, emulator);
    material.fill(0);
    return { keyId, firstId };
  } finally {
    home.destroy();
    replica.destroy();
  }
}

test('multi-Region rotation: NEW material into the primary, the same into the replica, then the primary rotates and both Regions are proven; axe finds nothing serious', async ({
  page,
  bridge,
}, testInfo) => {
  test.setTimeout(300_000); // two imports (primary, replica) and a rotation, each several KMS round trips
  const emulator = (await bridge.emulator()) as unknown as RunningEmulator;
  const { firstId } = await replicatedKey(emulator);

  const c = new Ceremony(page, bridge, testInfo, { axe: true, prefix: 'mr-rotation' });
  // The usual steps are scanned by their own specs; axe scans the new screens (step Rotate's Regions).
  const q = new Ceremony(page, bridge, testInfo, { prefix: 'mr-rotation-steps' });
  await c.open();
  await c.connectEmulator();
  await page.getByRole('radio', { name: 'alias/e2e/mr-rotation' }).check();
  await c.button('Describe key').click();
  await slow(page.getByTestId('key-facts')).toContainText(firstId);
  await c.idle();
  const rotate = c.button('Rotate to new key material');
  await slow(rotate).toBeEnabled();
  await rotate.click();
  await c.heading('Import parameters');
  await c.idle();

  // The primary: NEW_KEY_MATERIAL, waiting for every replica.
  await q.getParameters();
  await q.generateMaterial();
  await q.wrap();
  await expect(page.getByTestId('rotation-import-note')).toContainText('NEW_KEY_MATERIAL');
  await q.importMaterial({ days: 90 });
  const newId = ((await page.getByTestId('import-result').locator('dd').nth(3).textContent()) ?? '').trim();
  expect(newId).toMatch(/^[0-9a-f]{64}$/);

  await c.next('Rotate');
  const regions = page.getByTestId('rotation-region-status');
  await slow(regions.locator('tr[data-region="us-east-1"]')).toHaveAttribute('data-result', 'done');
  await expect(regions.locator('tr[data-region="eu-west-1"]')).toHaveAttribute('data-result', 'pending');
  await expect(page.getByTestId('rotation-regions-missing')).toContainText('Not yet in eu-west-1');
  await expect(c.button('Request rotation approval')).toBeDisabled();
  await expect(c.button('Rotate now (RotateKeyOnDemand)')).toBeDisabled();
  await c.idle();
  await c.snap('rotate-regions-pending');

  // The replica: its own parameters and fingerprint, the same material wrapped, approval, import.
  await c.button('Import into eu-west-1').click();
  await c.heading('Import parameters');
  await expect(page.getByTestId('region-banner')).toContainText('replica Region eu-west-1');
  await q.getParameters();
  await expect(page.getByTestId('material-facts')).toContainText('generated'); // the same material, kept
  await q.next('Wrap');
  await q.wrap();
  // No NEW_KEY_MATERIAL on a replica: the same material goes in as the replica's own.
  await expect(page.getByTestId('rotation-import-note')).toHaveCount(0);
  await expect(page.getByTestId('import-summary')).toContainText(
    'the rotation’s new material into the replica in eu-west-1',
  );
  await q.importMaterial({ days: 90 });
  await expect(page.getByTestId('import-result')).toContainText(newId);

  await c.next('Rotate');
  await slow(regions.locator('tr[data-region="eu-west-1"]')).toHaveAttribute('data-result', 'done');
  await expect(page.getByTestId('rotation-regions-done')).toContainText(
    `Every Region (2) holds the new material ${newId}. Return to the primary in us-east-1`,
  );
  await expect(c.button('Request rotation approval')).toHaveCount(0); // not in a replica Region
  await c.idle();
  await c.snap('rotate-regions-done-in-replica');
  await c.button('Return to us-east-1').click();
  await c.heading('Rotate');
  await expect(page.getByTestId('region-banner')).toHaveCount(0);

  // The primary rotates: the witnesses approve, KMS rotates, the proof covers the replica.
  await c.button('Request rotation approval').click();
  const request = page.getByTestId('rotation-approval-request');
  await slow(request).toContainText(newId);
  await expect(request).toContainText(firstId);
  for (const witness of c.people.witnesses) await c.button(`Approve rotation as ${witness}`).click();
  await expect(page.getByTestId('rotation-quorum')).toHaveAttribute('data-approved', '1');
  await c.idle();
  await c.snap('rotation-approved');
  await c.button('Rotate now (RotateKeyOnDemand)').click();
  await slow(page.getByTestId('rotation-progress')).toContainText(`the current material is still ${firstId}`);
  emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
  await slow(page.getByTestId('rotation-completed')).toContainText(newId);
  await c.button('Prove the rotation').click();
  const proof = page.getByTestId('rotation-proof');
  await slow(proof).toContainText(`a new ciphertext was decrypted with key material ${newId}`);
  await expect(proof).toContainText(`eu-west-1 (replica) follows: ${newId} is CURRENT there`);
  await c.idle();
  await c.snap('rotation-proven');

  await c.next('Finish');
  await expect(page.getByTestId('finish-summary')).toContainText(`from ${firstId} to ${newId}`);
  await c.openTranscript();
  await c.finish();
  expect(c.axeFindings).toEqual([]);
});
