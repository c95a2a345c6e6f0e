import { createPrivateKey, randomBytes } from 'node:crypto';
import {
  DeleteImportedKeyMaterialCommand,
  DisableKeyCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  CreateKeyCommand,
  ListKeyRotationsCommand,
  ReplicateKeyCommand,
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
  wrap,
  type Harness,
} from './helpers';
import { DEFAULT_REPLICA_CREATING_SECONDS } from '../../../../electron/core/emulator/timing';

/** One test per row of spec §4.1 (the ImportKeyMaterial decision table), through @aws-sdk/client-kms. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

async function params(
  keyId: string,
  algorithm: 'RSAES_OAEP_SHA_256' | 'RSAES_OAEP_SHA_1' = 'RSAES_OAEP_SHA_256',
) {
  return h.kms.send(
    new GetParametersForImportCommand({
      KeyId: keyId,
      WrappingAlgorithm: algorithm,
      WrappingKeySpec: 'RSA_2048',
    }),
  );
}

/** A well-formed request for `keyId` carrying 32 wrapped bytes; `extra` overrides members. */
async function request(keyId: string, extra: Record<string, unknown> = {}, material = randomBytes(32)) {
  const p = await params(keyId);
  return new ImportKeyMaterialCommand({
    KeyId: keyId,
    ImportToken: p.ImportToken,
    EncryptedKeyMaterial: wrap(p.PublicKey!, material, 'RSAES_OAEP_SHA_256'),
    ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    ...extra,
  });
}

async function multiRegionPair(keySpec: 'SYMMETRIC_DEFAULT' = 'SYMMETRIC_DEFAULT') {
  const primary = await createExternalKey(h.kms, keySpec, { MultiRegion: true });
  const material = randomBytes(32);
  await importMaterial(h.kms, primary.KeyId!, material);
  await h.kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'us-west-2' }));
  return { primary, material, west: h.client('us-west-2') };
}

group('ImportKeyMaterial decision table (spec §4.1)', () => {
  it('row 1: a member violating its constraint is a Coral-style ValidationException', async () => {
    const key = await createExternalKey(h.kms);
    const error = await failure(async () =>
      h.kms.send(
        await request(key.KeyId!, { KeyMaterialId: 'A'.repeat(64), ImportType: 'EXISTING_KEY_MATERIAL' }),
      ),
    );
    expect(error).toEqual({
      name: 'ValidationException',
      message: `1 validation error detected: Value '${'A'.repeat(64)}' at 'keyMaterialId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-f0-9]+$`,
    });
    const missing = await failure(() =>
      h.kms.send(
        new ImportKeyMaterialCommand({
          KeyId: key.KeyId,
          ImportToken: undefined,
          EncryptedKeyMaterial: Buffer.from([1]),
        }),
      ),
    );
    expect(missing.message).toBe(
      "1 validation error detected: Value null at 'importToken' failed to satisfy constraint: Member must not be null",
    );
  });

  it('row 2: an unknown key is NotFoundException naming its ARN; a malformed ID is "Invalid keyId"', async () => {
    const key = await createExternalKey(h.kms);
    const cmd = await request(key.KeyId!);
    const unknown = '0b1e2c3d-1111-2222-3333-444455556666';
    cmd.input.KeyId = unknown;
    expect(await failure(() => h.kms.send(cmd))).toEqual({
      name: 'NotFoundException',
      message: `Key 'arn:aws:kms:us-east-1:111122223333:key/${unknown}' does not exist`,
    });
    cmd.input.KeyId = 'not-a-key';
    expect(await failure(() => h.kms.send(cmd))).toEqual({
      name: 'NotFoundException',
      message: "Invalid keyId 'not-a-key'",
    });
  });

  it('row 3: a key whose origin is not EXTERNAL is UnsupportedOperationException', async () => {
    const external = await createExternalKey(h.kms);
    const { KeyMetadata: kmsKey } = await h.kms.send(new CreateKeyCommand({}));
    const cmd = await request(external.KeyId!);
    cmd.input.KeyId = kmsKey!.KeyId;
    expect(await failure(() => h.kms.send(cmd))).toEqual({
      name: 'UnsupportedOperationException',
      message: `${kmsKey!.Arn} origin is AWS_KMS which is not valid for this operation.`,
    });
  });

  it('row 4: a key pending deletion is KMSInvalidStateException "… is pending deletion."', async () => {
    const key = await createExternalKey(h.kms);
    const cmd = await request(key.KeyId!);
    await h.kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect(await failure(() => h.kms.send(cmd))).toEqual({
      name: 'KMSInvalidStateException',
      message: `${key.Arn} is pending deletion.`,
    });
  });

  it('row 4b: a replica still Creating is KMSInvalidStateException "… is creating."', async () => {
    const { primary, material, west } = await multiRegionPair();
    const replicaArn = primary.Arn!.replace('us-east-1', 'us-west-2');
    expect((await describe(west, primary.KeyId!)).KeyState).toBe('Creating');
    const error = await failure(() => importMaterial(west, primary.KeyId!, material));
    expect(error).toEqual({ name: 'KMSInvalidStateException', message: `${replicaArn} is creating.` });
  });

  it('row 5: ExpirationModel and ValidTo both omitted is refused (the model defaults to KEY_MATERIAL_EXPIRES)', async () => {
    const key = await createExternalKey(h.kms);
    const error = await failure(async () =>
      h.kms.send(await request(key.KeyId!, { ExpirationModel: undefined })),
    );
    expect(error).toEqual({
      name: 'ValidationException',
      message: 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES',
    });
    expect((await describe(h.kms, key.KeyId!)).KeyState).toBe('PendingImport');
  });

  it('row 6: ValidTo with KEY_MATERIAL_DOES_NOT_EXPIRE is refused', async () => {
    const key = await createExternalKey(h.kms);
    const error = await failure(async () =>
      h.kms.send(await request(key.KeyId!, { ValidTo: daysAhead(h.emulator, 5) })),
    );
    expect(error).toEqual({
      name: 'ValidationException',
      message: 'A validTo date cannot be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE',
    });
  });

  it('row 7: ValidTo in the past is refused', async () => {
    const key = await createExternalKey(h.kms);
    const extra = { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: daysAhead(h.emulator, -1) };
    expect(await failure(async () => h.kms.send(await request(key.KeyId!, extra)))).toEqual({
      name: 'ValidationException',
      message: 'ValidTo must be in the future',
    });
  });

  it('row 8: ValidTo more than 365 days ahead is refused; 30 s ahead is accepted', async () => {
    const key = await createExternalKey(h.kms);
    const extra = { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: daysAhead(h.emulator, 366) };
    expect(await failure(async () => h.kms.send(await request(key.KeyId!, extra)))).toEqual({
      name: 'ValidationException',
      message: 'ValidTo must be less than 365 days in the future',
    });
    const soon = new Date(h.emulator.now().getTime() + 30_000);
    await h.kms.send(await request(key.KeyId!, { ExpirationModel: undefined, ValidTo: soon }));
    expect((await describe(h.kms, key.KeyId!)).KeyState).toBe('Enabled');
  });

  it('row 9: ImportType / KeyMaterialId / KeyMaterialDescription on an HMAC key are refused', async () => {
    const key = await createExternalKey(h.kms, 'HMAC_224');
    for (const [member, extra] of [
      ['importType', { ImportType: 'NEW_KEY_MATERIAL' }],
      ['keyMaterialId', { KeyMaterialId: 'a'.repeat(64) }],
      ['keyMaterialDescription', { KeyMaterialDescription: 'first' }],
    ] as const) {
      expect(
        await failure(async () => h.kms.send(await request(key.KeyId!, extra, randomBytes(28)))),
      ).toEqual({
        name: 'ValidationException',
        message: `Input parameter ${member} cannot be used with HMAC_224 imported keys.`,
      });
    }
  });

  it('row 10: KeyMaterialId with ImportType NEW_KEY_MATERIAL is refused', async () => {
    const key = await createExternalKey(h.kms);
    const extra = { ImportType: 'NEW_KEY_MATERIAL', KeyMaterialId: 'a'.repeat(64) };
    expect(await failure(async () => h.kms.send(await request(key.KeyId!, extra)))).toEqual({
      name: 'ValidationException',
      message: 'Input parameter keyMaterialId cannot be used with NEW_KEY_MATERIAL importType.',
    });
  });

  it('rows 11 and 12: a replica refuses NEW_KEY_MATERIAL and KeyMaterialDescription', async () => {
    const { primary, material, west } = await multiRegionPair();
    h.emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS); // past the replica's Creating phase
    const row11 = await failure(() =>
      importMaterial(west, primary.KeyId!, material, { importType: 'NEW_KEY_MATERIAL' }),
    );
    expect(row11).toEqual({
      name: 'ValidationException',
      message: 'Input parameter ImportType NEW_KEY_MATERIAL cannot be used on replica Multi-Region keys',
    });
    const row12 = await failure(() =>
      importMaterial(west, primary.KeyId!, material, { description: 'replica' }),
    );
    expect(row12).toEqual({
      name: 'ValidationException',
      message: 'Key material description can only be specified on primary Multi-Region keys',
    });
  });

  it('row 13: a corrupt token, or one issued for another key, is InvalidImportTokenException with no message', async () => {
    const key = await createExternalKey(h.kms);
    const other = await createExternalKey(h.kms);
    const cmd = await request(other.KeyId!);
    cmd.input.KeyId = key.KeyId;
    const foreign = await failure(() => h.kms.send(cmd));
    expect(foreign.name).toBe('InvalidImportTokenException');
    expect(foreign.message).toBe('UnknownError');
    const corrupt = await request(key.KeyId!);
    const token = Buffer.from(corrupt.input.ImportToken!);
    token[token.length - 1]! ^= 1;
    corrupt.input.ImportToken = token;
    expect((await failure(() => h.kms.send(corrupt))).name).toBe('InvalidImportTokenException');
    expect((await describe(h.kms, key.KeyId!)).KeyState).toBe('PendingImport');
  });

  it('row 14: a token older than 24 h is ExpiredImportTokenException; within 24 h it is reusable', async () => {
    const key = await createExternalKey(h.kms);
    const material = randomBytes(32);
    const cmd = await request(key.KeyId!, {}, material);
    h.emulator.advanceClock(23 * 3600);
    await h.kms.send(cmd);
    await h.kms.send(cmd); // same token and blob again: reimport of the same material
    h.emulator.advanceClock(3600 + 1);
    const error = await failure(() => h.kms.send(cmd));
    expect(error.name).toBe('ExpiredImportTokenException');
    expect(error.message).toMatch(/^Import token expired\./);
  });

  it('row 15: material wrapped under another public key or with another algorithm is InvalidCiphertextException', async () => {
    const key = await createExternalKey(h.kms);
    const first = await params(key.KeyId!);
    const second = await params(key.KeyId!);
    const material = randomBytes(32);
    const wrongKey = new ImportKeyMaterialCommand({
      KeyId: key.KeyId,
      ImportToken: first.ImportToken,
      EncryptedKeyMaterial: wrap(second.PublicKey!, material, 'RSAES_OAEP_SHA_256'),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    });
    expect(await failure(() => h.kms.send(wrongKey))).toEqual({
      name: 'InvalidCiphertextException',
      message: 'UnknownError',
    });
    const wrongAlgorithm = new ImportKeyMaterialCommand({
      ...wrongKey.input,
      EncryptedKeyMaterial: wrap(first.PublicKey!, material, 'RSAES_OAEP_SHA_1'),
    });
    expect((await failure(() => h.kms.send(wrongAlgorithm))).name).toBe('InvalidCiphertextException');
    expect((await describe(h.kms, key.KeyId!)).KeyState).toBe('PendingImport');
  });

  it('row 16: material of the wrong size or format is InvalidCiphertextException, not IncorrectKeyMaterial', async () => {
    const hmac = await createExternalKey(h.kms, 'HMAC_256');
    expect(
      (await failure(async () => h.kms.send(await request(hmac.KeyId!, {}, randomBytes(31))))).name,
    ).toBe('InvalidCiphertextException');
    const aes = await createExternalKey(h.kms);
    expect((await failure(async () => h.kms.send(await request(aes.KeyId!, {}, randomBytes(16))))).name).toBe(
      'InvalidCiphertextException',
    );
    const ec = await createExternalKey(h.kms, 'ECC_NIST_P256');
    const sec1 = createPrivateKey({ key: pkcs8For('ECC_NIST_P256'), format: 'der', type: 'pkcs8' }).export({
      format: 'der',
      type: 'sec1',
    });
    expect((await failure(() => importMaterial(h.kms, ec.KeyId!, sec1))).name).toBe(
      'InvalidCiphertextException',
    );
    expect((await describe(h.kms, ec.KeyId!)).KeyState).toBe('PendingImport');
  });

  it('row 17: the first import enables the key; KeyMaterialId is returned for symmetric keys only', async () => {
    const aes = await createExternalKey(h.kms);
    const result = await importMaterial(h.kms, aes.KeyId!, randomBytes(32), {
      validTo: daysAhead(h.emulator, 30),
    });
    expect(result.KeyId).toBe(aes.Arn);
    expect(result.KeyMaterialId).toMatch(/^[a-f0-9]{64}$/);
    const meta = await describe(h.kms, aes.KeyId!);
    expect(meta).toMatchObject({
      KeyState: 'Enabled',
      Enabled: true,
      ExpirationModel: 'KEY_MATERIAL_EXPIRES',
    });
    expect(meta.CurrentKeyMaterialId).toBe(result.KeyMaterialId);
    const hmac = await createExternalKey(h.kms, 'HMAC_384');
    const hmacResult = await importMaterial(h.kms, hmac.KeyId!, randomBytes(48));
    expect(hmacResult.KeyMaterialId).toBeUndefined();
    expect((await describe(h.kms, hmac.KeyId!)).CurrentKeyMaterialId).toBeUndefined();
  });

  it('row 18: different material without KeyMaterialId is IncorrectKeyMaterialException naming the current ID', async () => {
    const key = await createExternalKey(h.kms);
    const { KeyMaterialId } = await importMaterial(h.kms, key.KeyId!, randomBytes(32));
    expect(await failure(() => importMaterial(h.kms, key.KeyId!, randomBytes(32)))).toEqual({
      name: 'IncorrectKeyMaterialException',
      message: `Imported key material does not have the expected identifier (${KeyMaterialId}).`,
    });
  });

  it('row 19: EXISTING with a KeyMaterialId that does not match echoes the supplied ID', async () => {
    const key = await createExternalKey(h.kms);
    const material = randomBytes(32);
    await importMaterial(h.kms, key.KeyId!, material);
    const supplied = 'b'.repeat(64);
    const error = await failure(() =>
      importMaterial(h.kms, key.KeyId!, material, {
        importType: 'EXISTING_KEY_MATERIAL',
        keyMaterialId: supplied,
      }),
    );
    expect(error).toEqual({
      name: 'IncorrectKeyMaterialException',
      message: `Imported key material does not have the expected identifier (${supplied}).`,
    });
  });

  it('row 20: reimporting the same material needs no delete, replaces the expiry, and re-enables a Disabled key', async () => {
    const key = await createExternalKey(h.kms);
    const material = randomBytes(32);
    const first = await importMaterial(h.kms, key.KeyId!, material, { validTo: daysAhead(h.emulator, 10) });
    const later = daysAhead(h.emulator, 100);
    const again = await importMaterial(h.kms, key.KeyId!, material, {
      validTo: later,
      keyMaterialId: first.KeyMaterialId,
      importType: 'EXISTING_KEY_MATERIAL',
    });
    expect(again.KeyMaterialId).toBe(first.KeyMaterialId);
    expect((await describe(h.kms, key.KeyId!)).ValidTo?.getTime()).toBe(
      Math.floor(later.getTime() / 1000) * 1000,
    );
    await h.kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await importMaterial(h.kms, key.KeyId!, material);
    expect((await describe(h.kms, key.KeyId!)).KeyState).toBe('Enabled');
    await h.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    expect((await describe(h.kms, key.KeyId!)).KeyState).toBe('PendingImport');
    await importMaterial(h.kms, key.KeyId!, material);
    const meta = await describe(h.kms, key.KeyId!);
    expect(meta.KeyState).toBe('Enabled');
    expect(meta.ExpirationModel).toBe('KEY_MATERIAL_DOES_NOT_EXPIRE');
  });

  it('row 21: NEW_KEY_MATERIAL that is already associated is IncorrectKeyMaterialException', async () => {
    const key = await createExternalKey(h.kms);
    const material = randomBytes(32);
    const { KeyMaterialId } = await importMaterial(h.kms, key.KeyId!, material);
    expect(
      await failure(() => importMaterial(h.kms, key.KeyId!, material, { importType: 'NEW_KEY_MATERIAL' })),
    ).toEqual({
      name: 'IncorrectKeyMaterialException',
      message: `Key material (id: ${KeyMaterialId}) being imported as NEW_KEY_MATERIAL is already associated with KMS key ${key.Arn}.`,
    });
  });

  it('row 22: a second NEW_KEY_MATERIAL while one is pending rotation is KMSInvalidStateException', async () => {
    const key = await createExternalKey(h.kms);
    await importMaterial(h.kms, key.KeyId!, randomBytes(32));
    const pending = await importMaterial(h.kms, key.KeyId!, randomBytes(32), {
      importType: 'NEW_KEY_MATERIAL',
    });
    const third = randomBytes(32);
    const error = await failure(() =>
      importMaterial(h.kms, key.KeyId!, third, { importType: 'NEW_KEY_MATERIAL' }),
    );
    expect(error.name).toBe('KMSInvalidStateException');
    expect(error.message).toMatch(
      new RegExp(
        `^New key material \\(id: [a-f0-9]{64}\\) cannot be imported into KMS key ${key.Arn}, because another key material \\(id: ${pending.KeyMaterialId}\\) is pending rotation\\.$`,
      ),
    );
  });

  it('row 23: NEW_KEY_MATERIAL on a key with material is staged PENDING_ROTATION; the key state is unchanged', async () => {
    const key = await createExternalKey(h.kms);
    const first = await importMaterial(h.kms, key.KeyId!, randomBytes(32));
    const staged = await importMaterial(h.kms, key.KeyId!, randomBytes(32), {
      importType: 'NEW_KEY_MATERIAL',
      description: 'next quarter',
      validTo: daysAhead(h.emulator, 20),
    });
    expect(staged.KeyMaterialId).not.toBe(first.KeyMaterialId);
    const meta = await describe(h.kms, key.KeyId!);
    expect(meta.KeyState).toBe('Enabled');
    expect(meta.CurrentKeyMaterialId).toBe(first.KeyMaterialId);
    expect(meta.ValidTo).toBeUndefined(); // pending material does not set ValidTo
    const { Rotations } = await h.kms.send(
      new ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
    );
    expect(Rotations?.map((r) => [r.KeyMaterialId, r.KeyMaterialState, r.ImportState])).toEqual([
      [first.KeyMaterialId, 'CURRENT', 'IMPORTED'],
      [staged.KeyMaterialId, 'PENDING_ROTATION', 'IMPORTED'],
    ]);
    expect(Rotations?.[1]?.KeyMaterialDescription).toBe('next quarter');
  });

  it('row 24: different material for an HMAC or asymmetric key is IncorrectKeyMaterialException with a 64-hex ID', async () => {
    const hmac = await createExternalKey(h.kms, 'HMAC_256');
    await importMaterial(h.kms, hmac.KeyId!, randomBytes(32));
    const error = await failure(() => importMaterial(h.kms, hmac.KeyId!, randomBytes(32)));
    expect(error.name).toBe('IncorrectKeyMaterialException');
    expect(error.message).toMatch(
      /^Imported key material does not have the expected identifier \([a-f0-9]{64}\)\.$/,
    );
    const ec = await createExternalKey(h.kms, 'ECC_NIST_P384');
    await importMaterial(h.kms, ec.KeyId!, pkcs8For('ECC_NIST_P384'));
    expect((await failure(() => importMaterial(h.kms, ec.KeyId!, pkcs8For('ECC_NIST_P384')))).name).toBe(
      'IncorrectKeyMaterialException',
    );
  });

  it('row 25: the same HMAC or asymmetric material reimports and replaces the expiry', async () => {
    const rsa = await createExternalKey(h.kms, 'RSA_2048');
    const material = pkcs8For('RSA_2048');
    const rsaAes = { algorithm: 'RSA_AES_KEY_WRAP_SHA_256' } as const;
    await importMaterial(h.kms, rsa.KeyId!, material, { ...rsaAes, validTo: daysAhead(h.emulator, 3) });
    await importMaterial(h.kms, rsa.KeyId!, material, rsaAes);
    const meta = await describe(h.kms, rsa.KeyId!);
    expect(meta).toMatchObject({ KeyState: 'Enabled', ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
    expect(meta.ValidTo).toBeUndefined();
  });
});
