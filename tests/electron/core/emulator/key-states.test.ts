import { randomBytes } from 'node:crypto';
import {
  CancelKeyDeletionCommand,
  CreateKeyCommand,
  DeleteImportedKeyMaterialCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  GetPublicKeyCommand,
  ListKeyRotationsCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe as group, expect, it } from 'vitest';
import {
  createExternalKey,
  daysAhead,
  describe,
  failure,
  importMaterial,
  pkcs8For,
  startHarness,
  type Harness,
} from './helpers';
import {
  DEFAULT_REPLICA_CREATING_SECONDS,
  DEFAULT_ROTATION_SECONDS,
} from '../../../../electron/core/emulator/timing';

/** One test per transition of the key-state machine (spec §1.10) and the material sub-states (§1.11). */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

async function enabledKey(validDays?: number) {
  const key = await createExternalKey(h.kms);
  const material = randomBytes(32);
  const validTo = validDays === undefined ? undefined : daysAhead(h.emulator, validDays);
  const { KeyMaterialId } = await importMaterial(h.kms, key.KeyId!, material, { validTo });
  return { key, material, materialId: KeyMaterialId! };
}

const state = async (keyId: string) => (await describe(h.kms, keyId)).KeyState;

group('key states (spec §1.10)', () => {
  it('CreateKey(Origin=EXTERNAL) → PendingImport, without ExpirationModel, ValidTo or CurrentKeyMaterialId', async () => {
    const key = await createExternalKey(h.kms);
    expect(key).toMatchObject({
      KeyState: 'PendingImport',
      Enabled: false,
      Origin: 'EXTERNAL',
      KeyManager: 'CUSTOMER',
    });
    expect(key.ExpirationModel).toBeUndefined();
    expect(key.ValidTo).toBeUndefined();
    expect(key.CurrentKeyMaterialId).toBeUndefined();
    expect(key.EncryptionAlgorithms).toEqual(['SYMMETRIC_DEFAULT']);
  });

  it('PendingImport → Enabled by ImportKeyMaterial', async () => {
    const { key } = await enabledKey(30);
    const meta = await describe(h.kms, key.KeyId!);
    expect(meta).toMatchObject({
      KeyState: 'Enabled',
      Enabled: true,
      ExpirationModel: 'KEY_MATERIAL_EXPIRES',
    });
    expect(meta.ValidTo).toBeInstanceOf(Date);
  });

  it('Enabled ⇄ Disabled by DisableKey / EnableKey', async () => {
    const { key } = await enabledKey();
    await h.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    expect(await describe(h.kms, key.KeyId!)).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    await h.kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    expect(await state(key.KeyId!)).toBe('Enabled');
  });

  it('Disabled → Enabled by reimporting the same material [O-SD]', async () => {
    const { key, material } = await enabledKey();
    await h.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await importMaterial(h.kms, key.KeyId!, material);
    expect(await state(key.KeyId!)).toBe('Enabled');
  });

  it('Enabled → PendingImport by DeleteImportedKeyMaterial; CurrentKeyMaterialId persists; deleting is idempotent', async () => {
    const { key, materialId } = await enabledKey(10);
    const first = await h.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    expect(first).toMatchObject({ KeyId: key.Arn, KeyMaterialId: materialId });
    const meta = await describe(h.kms, key.KeyId!);
    expect(meta).toMatchObject({ KeyState: 'PendingImport', CurrentKeyMaterialId: materialId });
    expect(meta.ExpirationModel).toBeUndefined();
    expect(meta.ValidTo).toBeUndefined();
    await h.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    expect(await state(key.KeyId!)).toBe('PendingImport');
    const never = await createExternalKey(h.kms);
    const result = await h.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: never.KeyId }));
    expect(result.KeyId).toBe(never.Arn);
    expect(result.KeyMaterialId).toBeUndefined();
  });

  it('Disabled → PendingImport by DeleteImportedKeyMaterial', async () => {
    const { key } = await enabledKey();
    await h.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await h.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    expect(await state(key.KeyId!)).toBe('PendingImport');
  });

  it('Enabled → PendingImport when the current material expires at ValidTo (emulator clock)', async () => {
    const { key, materialId } = await enabledKey(2);
    h.emulator.advanceClock(86_400);
    expect(await state(key.KeyId!)).toBe('Enabled');
    h.emulator.advanceClock(86_400 + 1);
    const meta = await describe(h.kms, key.KeyId!);
    expect(meta).toMatchObject({ KeyState: 'PendingImport', CurrentKeyMaterialId: materialId });
    expect(meta.ExpirationModel).toBeUndefined();
    const { Rotations } = await h.kms.send(
      new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
    );
    expect(Rotations?.[0]).toMatchObject({ ImportState: 'PENDING_IMPORT', KeyMaterialState: 'CURRENT' });
    expect(Rotations?.[0]?.ExpirationModel).toBeUndefined();
  });

  it('PendingImport / Enabled / Disabled → PendingDeletion by ScheduleKeyDeletion', async () => {
    const pendingImport = await createExternalKey(h.kms);
    const { key: enabled } = await enabledKey();
    const { key: disabled } = await enabledKey();
    await h.kms.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
    for (const key of [pendingImport, enabled, disabled]) {
      const result = await h.kms.send(
        new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }),
      );
      expect(result).toMatchObject({ KeyId: key.Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
      const meta = await describe(h.kms, key.KeyId!);
      expect(meta.KeyState).toBe('PendingDeletion');
      expect(meta.DeletionDate?.getTime()).toBeCloseTo(h.emulator.now().getTime() + 7 * 86_400_000, -4);
    }
    expect(await failure(() => h.kms.send(new ScheduleKeyDeletionCommand({ KeyId: enabled.KeyId })))).toEqual(
      {
        name: 'KMSInvalidStateException',
        message: `${enabled.Arn} is pending deletion.`,
      },
    );
  });

  it('PendingDeletion → Disabled by CancelKeyDeletion when the key has material', async () => {
    const { key } = await enabledKey();
    await h.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    expect(await h.kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }))).toMatchObject({
      KeyId: key.Arn,
    });
    const meta = await describe(h.kms, key.KeyId!);
    expect(meta.KeyState).toBe('Disabled');
    expect(meta.DeletionDate).toBeUndefined();
  });

  it('PendingDeletion → PendingImport by CancelKeyDeletion when the key has no material [O-SD]', async () => {
    const key = await createExternalKey(h.kms);
    await h.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    await h.kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
    expect(await state(key.KeyId!)).toBe('PendingImport');
    expect(await failure(() => h.kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })))).toEqual({
      name: 'KMSInvalidStateException',
      message: `${key.Arn} is not pending deletion.`,
    });
  });

  it('PendingDeletion stays PendingDeletion when material is deleted or expires', async () => {
    const { key } = await enabledKey(1);
    await h.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    h.emulator.advanceClock(86_400 + 1);
    expect(await state(key.KeyId!)).toBe('PendingDeletion');
    await h.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    expect(await state(key.KeyId!)).toBe('PendingDeletion');
  });

  it('PendingDeletion → deleted at DeletionDate (then NotFoundException)', async () => {
    const { key } = await enabledKey();
    await h.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    h.emulator.advanceClock(7 * 86_400 + 1);
    expect(await failure(() => describe(h.kms, key.KeyId!))).toEqual({
      name: 'NotFoundException',
      message: `Key '${key.Arn}' does not exist`,
    });
  });

  it('PendingImport refuses EnableKey, DisableKey, Encrypt, GetPublicKey and ReplicateKey with "… is pending import."', async () => {
    const key = await createExternalKey(h.kms, 'SYMMETRIC_DEFAULT', { MultiRegion: true });
    const ec = await createExternalKey(h.kms, 'ECC_NIST_P256');
    const expected = (arn: string) => ({
      name: 'KMSInvalidStateException',
      message: `${arn} is pending import.`,
    });
    for (const call of [
      () => h.kms.send(new EnableKeyCommand({ KeyId: key.KeyId })),
      () => h.kms.send(new DisableKeyCommand({ KeyId: key.KeyId })),
      () => h.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })),
      () => h.kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'eu-west-1' })),
    ]) {
      expect(await failure(call)).toEqual(expected(key.Arn!));
    }
    expect(await failure(() => h.kms.send(new GetPublicKeyCommand({ KeyId: ec.KeyId })))).toEqual(
      expected(ec.Arn!),
    );
  });

  it('Disabled refuses cryptographic operations with DisabledException', async () => {
    const { key } = await enabledKey();
    await h.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    expect(
      await failure(() => h.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }))),
    ).toEqual({
      name: 'DisabledException',
      message: `${key.Arn} is disabled.`,
    });
  });

  it('multi-Region primary with replicas → PendingReplicaDeletion; replica ReplicateKey → Creating → PendingImport → Enabled', async () => {
    const primary = await createExternalKey(h.kms, 'SYMMETRIC_DEFAULT', { MultiRegion: true });
    expect(primary.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    const material = randomBytes(32);
    await importMaterial(h.kms, primary.KeyId!, material);
    const { ReplicaKeyMetadata } = await h.kms.send(
      new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'ap-southeast-2' }),
    );
    expect(ReplicaKeyMetadata).toMatchObject({
      KeyState: 'Creating',
      KeyId: primary.KeyId,
      Origin: 'EXTERNAL',
    });
    const sydney = h.client('ap-southeast-2');
    h.emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
    expect((await describe(sydney, primary.KeyId!)).KeyState).toBe('PendingImport');
    await importMaterial(sydney, primary.KeyId!, material);
    const replica = await describe(sydney, primary.KeyId!);
    expect(replica.KeyState).toBe('Enabled');
    expect(replica.MultiRegionConfiguration?.MultiRegionKeyType).toBe('REPLICA');
    const scheduled = await h.kms.send(new ScheduleKeyDeletionCommand({ KeyId: primary.KeyId }));
    expect(scheduled.KeyState).toBe('PendingReplicaDeletion');
  });
});

group('key material states (spec §1.11)', () => {
  async function rotated() {
    const { key, materialId } = await enabledKey();
    const next = await importMaterial(h.kms, key.KeyId!, randomBytes(32), { importType: 'NEW_KEY_MATERIAL' });
    await h.kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    return { key, oldId: materialId, newId: next.KeyMaterialId! };
  }

  it('RotateKeyOnDemand: PENDING_ROTATION → CURRENT and CURRENT → NON_CURRENT, asynchronously', async () => {
    const { key, oldId, newId } = await rotated();
    const status = await h.kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    expect(status.KeyRotationEnabled).toBe(false);
    expect(status.OnDemandRotationStartDate).toBeInstanceOf(Date);
    expect((await describe(h.kms, key.KeyId!)).CurrentKeyMaterialId).toBe(oldId);
    h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
    expect((await describe(h.kms, key.KeyId!)).CurrentKeyMaterialId).toBe(newId);
    const { Rotations } = await h.kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }));
    expect(Rotations).toHaveLength(1);
    expect(Rotations?.[0]).toMatchObject({
      KeyMaterialId: newId,
      KeyMaterialState: 'CURRENT',
      RotationType: 'ON_DEMAND',
    });
    const all = await h.kms.send(
      new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
    );
    expect(all.Rotations?.map((r) => [r.KeyMaterialId, r.KeyMaterialState])).toEqual([
      [oldId, 'NON_CURRENT'],
      [newId, 'CURRENT'],
    ]);
  });

  it('deleting NON_CURRENT material sends the key to PendingImport', async () => {
    const { key, oldId } = await rotated();
    h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
    await h.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId, KeyMaterialId: oldId }));
    expect(await state(key.KeyId!)).toBe('PendingImport');
  });

  it('deleting PENDING_ROTATION material leaves the key Enabled and removes the entry', async () => {
    const { key, materialId } = await enabledKey();
    const next = await importMaterial(h.kms, key.KeyId!, randomBytes(32), { importType: 'NEW_KEY_MATERIAL' });
    const result = await h.kms.send(
      new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId, KeyMaterialId: next.KeyMaterialId }),
    );
    expect(result.KeyMaterialId).toBe(next.KeyMaterialId);
    expect(await state(key.KeyId!)).toBe('Enabled');
    const all = await h.kms.send(
      new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
    );
    expect(all.Rotations?.map((r) => r.KeyMaterialId)).toEqual([materialId]);
  });

  it('rotation preconditions: nothing pending, unknown material ID, asymmetric key, EXTERNAL automatic rotation', async () => {
    const { key } = await enabledKey();
    expect(await failure(() => h.kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })))).toEqual({
      name: 'KMSInvalidStateException',
      message: `No available key material pending rotation for the key: ${key.Arn}.`,
    });
    const unknown = 'c'.repeat(64);
    expect(
      await failure(() =>
        h.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId, KeyMaterialId: unknown })),
      ),
    ).toEqual({
      name: 'ValidationException',
      message: `Key material (id: ${unknown}) has never been imported into KMS key ${key.Arn}.`,
    });
    expect(await failure(() => h.kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })))).toEqual({
      name: 'UnsupportedOperationException',
      message: `${key.Arn} origin is EXTERNAL which is not valid for this operation.`,
    });
    const ec = await createExternalKey(h.kms, 'ECC_NIST_P256');
    await importMaterial(h.kms, ec.KeyId!, pkcs8For('ECC_NIST_P256'));
    expect((await failure(() => h.kms.send(new RotateKeyOnDemandCommand({ KeyId: ec.KeyId })))).name).toBe(
      'UnsupportedOperationException',
    );
    const hmacList = await failure(() =>
      h.kms.send(new ListKeyRotationsCommand({ KeyId: ec.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' })),
    );
    expect(hmacList).toEqual({
      name: 'ValidationException',
      message: 'Input parameter includeKeyMaterial can only be used with symmetric keys.',
    });
  });

  it('the on-demand rotation limit is 25 per key', async () => {
    const { KeyMetadata } = await h.kms.send(new CreateKeyCommand({}));
    for (let i = 0; i < 25; i++) {
      await h.kms.send(new RotateKeyOnDemandCommand({ KeyId: KeyMetadata!.KeyId }));
      h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
    }
    expect(
      await failure(() => h.kms.send(new RotateKeyOnDemandCommand({ KeyId: KeyMetadata!.KeyId }))),
    ).toEqual({
      name: 'LimitExceededException',
      message: `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${KeyMetadata!.Arn}`,
    });
  });
});
