import { randomBytes } from 'node:crypto';
import {
  CreateKeyCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  EncryptCommand,
  ListKeyRotationsCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe as group, expect, it } from 'vitest';
import { createExternalKey, describe, failure, importMaterial, startHarness, type Harness } from './helpers';
import {
  DEFAULT_REPLICA_CREATING_SECONDS,
  DEFAULT_ROTATION_SECONDS,
} from '../../../../electron/core/emulator/timing';

/** Multi-Region keys with imported material (spec §4.4): several Regions in one emulator. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

async function replicated() {
  const primary = await createExternalKey(h.kms, 'SYMMETRIC_DEFAULT', { MultiRegion: true });
  const material = randomBytes(32);
  const { KeyMaterialId } = await importMaterial(h.kms, primary.KeyId!, material);
  await h.kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'us-west-2' }));
  h.emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
  const west = h.client('us-west-2');
  return { primary, material, materialId: KeyMaterialId!, west };
}

group('multi-Region imported keys', () => {
  it('the replica needs the same bytes; wrong material names the primary ID; then ciphertexts cross Regions', async () => {
    const { primary, material, materialId, west } = await replicated();
    const replica = await describe(west, primary.KeyId!);
    expect(replica).toMatchObject({ KeyState: 'PendingImport', CurrentKeyMaterialId: materialId });
    expect(await failure(() => importMaterial(west, primary.KeyId!, randomBytes(32)))).toEqual({
      name: 'IncorrectKeyMaterialException',
      message: `Imported key material does not have the expected identifier (${materialId}).`,
    });
    const result = await importMaterial(west, primary.KeyId!, material);
    expect(result.KeyMaterialId).toBe(materialId);
    expect(result.KeyId).toBe(primary.Arn!.replace('us-east-1', 'us-west-2'));
    const { CiphertextBlob } = await h.kms.send(
      new EncryptCommand({ KeyId: primary.KeyId, Plaintext: Buffer.from('mr') }),
    );
    const back = await west.send(new DecryptCommand({ CiphertextBlob }));
    expect(Buffer.from(back.Plaintext!).toString()).toBe('mr');
    const meta = await describe(h.kms, primary.KeyId!);
    expect(meta.MultiRegionConfiguration?.ReplicaKeys?.map((r) => r.Region)).toEqual(['us-west-2']);
  });

  it('expiry and state are per Region', async () => {
    const { primary, material, west } = await replicated();
    await importMaterial(west, primary.KeyId!, material, {
      validTo: new Date(h.emulator.now().getTime() + 3_600_000),
    });
    h.emulator.advanceClock(3_601);
    expect((await describe(west, primary.KeyId!)).KeyState).toBe('PendingImport');
    expect((await describe(h.kms, primary.KeyId!)).KeyState).toBe('Enabled');
  });

  it('rotation: NEW on the primary waits for every replica, then RotateKeyOnDemand rotates all Regions', async () => {
    const { primary, material, west } = await replicated();
    await importMaterial(west, primary.KeyId!, material);
    const next = randomBytes(32);
    const staged = await importMaterial(h.kms, primary.KeyId!, next, { importType: 'NEW_KEY_MATERIAL' });
    const listAll = (client: typeof west) =>
      client.send(
        new ListKeyRotationsCommand({ KeyId: primary.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
      );
    expect((await listAll(h.kms)).Rotations?.[1]).toMatchObject({
      KeyMaterialState: 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION',
      ImportState: 'IMPORTED',
    });
    expect((await listAll(west)).Rotations?.[1]).toMatchObject({
      KeyMaterialState: 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION',
      ImportState: 'PENDING_IMPORT',
    });
    expect(await failure(() => h.kms.send(new RotateKeyOnDemandCommand({ KeyId: primary.KeyId })))).toEqual({
      name: 'KMSInvalidStateException',
      message:
        'Cannot perform key material rotation: Key material has not been imported for replicas of the Multi-Region key.',
    });
    await importMaterial(west, primary.KeyId!, next);
    expect((await listAll(h.kms)).Rotations?.[1]?.KeyMaterialState).toBe('PENDING_ROTATION');
    await h.kms.send(new RotateKeyOnDemandCommand({ KeyId: primary.KeyId }));
    h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
    expect((await describe(h.kms, primary.KeyId!)).CurrentKeyMaterialId).toBe(staged.KeyMaterialId);
    const westRotations = (await listAll(west)).Rotations ?? [];
    expect(westRotations.map((r) => r.KeyMaterialState)).toEqual(['NON_CURRENT', 'CURRENT']);
    expect(westRotations[1]?.RotationType).toBe('ON_DEMAND');
  });

  it('deleting pending material on the primary deletes it from the replicas too', async () => {
    const { primary, material, west } = await replicated();
    await importMaterial(west, primary.KeyId!, material);
    const next = randomBytes(32);
    const staged = await importMaterial(h.kms, primary.KeyId!, next, { importType: 'NEW_KEY_MATERIAL' });
    await importMaterial(west, primary.KeyId!, next);
    await h.kms.send(
      new DeleteImportedKeyMaterialCommand({ KeyId: primary.KeyId, KeyMaterialId: staged.KeyMaterialId }),
    );
    const westList = await west.send(
      new ListKeyRotationsCommand({ KeyId: primary.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
    );
    expect(westList.Rotations?.map((r) => r.KeyMaterialId)).not.toContain(staged.KeyMaterialId);
    expect((await describe(west, primary.KeyId!)).KeyState).toBe('Enabled');
  });

  it('ReplicateKey refuses a single-Region key and an existing replica Region', async () => {
    const single = await createExternalKey(h.kms);
    await importMaterial(h.kms, single.KeyId!, randomBytes(32));
    expect(
      (
        await failure(() =>
          h.kms.send(new ReplicateKeyCommand({ KeyId: single.KeyId, ReplicaRegion: 'eu-west-1' })),
        )
      ).name,
    ).toBe('UnsupportedOperationException');
    const { primary } = await replicated();
    expect(
      (
        await failure(() =>
          h.kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'us-west-2' })),
        )
      ).name,
    ).toBe('AlreadyExistsException');
  });
});

group('multi-Region AWS_KMS keys', () => {
  it('replicas share the material and follow an on-demand rotation', async () => {
    const { KeyMetadata } = await h.kms.send(new CreateKeyCommand({ MultiRegion: true }));
    await h.kms.send(new ReplicateKeyCommand({ KeyId: KeyMetadata!.KeyId, ReplicaRegion: 'eu-north-1' }));
    h.emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
    const north = h.client('eu-north-1');
    expect((await describe(north, KeyMetadata!.KeyId!)).KeyState).toBe('Enabled');
    await h.kms.send(new RotateKeyOnDemandCommand({ KeyId: KeyMetadata!.KeyId }));
    h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
    const rotated = (await describe(h.kms, KeyMetadata!.KeyId!)).CurrentKeyMaterialId;
    expect(rotated).not.toBe(KeyMetadata!.CurrentKeyMaterialId);
    const { CiphertextBlob } = await h.kms.send(
      new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('r') }),
    );
    const back = await north.send(new DecryptCommand({ CiphertextBlob }));
    expect(Buffer.from(back.Plaintext!).toString()).toBe('r');
    expect(back.KeyMaterialId).toBe(rotated);
  });
});
