import { createPublicKey, randomBytes } from 'node:crypto';
import {
  CreateKeyCommand,
  DeleteImportedKeyMaterialCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createExternalKey,
  describe as describeKey,
  failure,
  importMaterial,
  pkcs8For,
  startHarness,
  wrap,
  type Harness,
} from './helpers';

/**
 * GetParametersForImport (spec §1.3, §2.1) and the LocalStack divergences of peers.md Table A: a fresh RSA pair
 * per call, a 24 h token bound to the key, material that expires, same-material reimport only, atomic imports.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

type Alg =
  | 'RSAES_OAEP_SHA_1'
  | 'RSAES_OAEP_SHA_256'
  | 'RSA_AES_KEY_WRAP_SHA_1'
  | 'RSA_AES_KEY_WRAP_SHA_256'
  | 'RSAES_PKCS1_V1_5';
const get = (
  KeyId: string,
  WrappingAlgorithm: Alg,
  WrappingKeySpec: 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'SM2',
) => h.kms.send(new GetParametersForImportCommand({ KeyId, WrappingAlgorithm, WrappingKeySpec }));

describe('GetParametersForImport', () => {
  it('refuses incompatible combinations at parameter time with the exact KMS message', async () => {
    const aes = await createExternalKey(h.kms);
    const p521 = await createExternalKey(h.kms, 'ECC_NIST_P521');
    const ed = await createExternalKey(h.kms, 'ECC_NIST_EDWARDS25519');
    const rsa = await createExternalKey(h.kms, 'RSA_2048');
    for (const [key, alg, spec, keySpec] of [
      [aes, 'RSAES_PKCS1_V1_5', 'RSA_2048', 'SYMMETRIC_DEFAULT'],
      [aes, 'RSA_AES_KEY_WRAP_SHA_256', 'RSA_2048', 'SYMMETRIC_DEFAULT'],
      [p521, 'RSAES_OAEP_SHA_256', 'RSA_2048', 'ECC_NIST_P521'],
      [ed, 'RSAES_OAEP_SHA_256', 'RSA_2048', 'ECC_NIST_EDWARDS25519'],
      [rsa, 'RSAES_OAEP_SHA_256', 'RSA_4096', 'RSA_2048'],
    ] as const) {
      expect(await failure(() => get(key.KeyId!, alg, spec))).toEqual({
        name: 'ValidationException',
        message: `Wrapping algorithm ${alg} and wrapping key spec ${spec} cannot be used to import a ${keySpec} key.`,
      });
    }
  });

  it('issues a fresh RSA wrapping key per call (DER SPKI, e = 65537) and returns the key ARN', async () => {
    const key = await createExternalKey(h.kms);
    const a = await get(key.KeyId!, 'RSAES_OAEP_SHA_1', 'RSA_2048');
    const b = await get(key.KeyId!, 'RSAES_OAEP_SHA_1', 'RSA_2048');
    expect(a.KeyId).toBe(key.Arn);
    expect(Buffer.from(a.PublicKey!).equals(Buffer.from(b.PublicKey!))).toBe(false);
    const jwk = createPublicKey({ key: Buffer.from(a.PublicKey!), format: 'der', type: 'spki' }).export({
      format: 'jwk',
    });
    expect(jwk.e).toBe('AQAB');
    expect(Buffer.from(jwk.n!, 'base64url')).toHaveLength(256);
  });

  it('works for RSA_3072 and RSA_4096 wrapping keys and every wrapping algorithm that KMS allows', async () => {
    const ec = await createExternalKey(h.kms, 'ECC_NIST_P521');
    await importMaterial(h.kms, ec.KeyId!, pkcs8For('ECC_NIST_P521'), {
      algorithm: 'RSA_AES_KEY_WRAP_SHA_1',
      wrappingKeySpec: 'RSA_3072',
    });
    const hmac = await createExternalKey(h.kms, 'HMAC_512');
    await importMaterial(h.kms, hmac.KeyId!, randomBytes(64), {
      algorithm: 'RSAES_OAEP_SHA_1',
      wrappingKeySpec: 'RSA_4096',
    });
    const params = await get(hmac.KeyId!, 'RSAES_OAEP_SHA_256', 'RSA_4096');
    expect(params.PublicKey).toHaveLength(550);
  });

  it('refuses keys whose origin is not EXTERNAL', async () => {
    const { KeyMetadata } = await h.kms.send(new CreateKeyCommand({}));
    expect(await failure(() => get(KeyMetadata!.KeyId!, 'RSAES_OAEP_SHA_256', 'RSA_2048'))).toEqual({
      name: 'UnsupportedOperationException',
      message: `${KeyMetadata!.Arn} origin is AWS_KMS which is not valid for this operation.`,
    });
  });
});

describe('LocalStack divergences (peers.md Table A): each one is right here', () => {
  it('the token lives 24 h, not 100 days: ParametersValidTo = now + 24 h', async () => {
    const key = await createExternalKey(h.kms);
    const now = h.emulator.now().getTime();
    const { ParametersValidTo } = await get(key.KeyId!, 'RSAES_OAEP_SHA_256', 'RSA_2048');
    expect(Math.abs(ParametersValidTo!.getTime() - (now + 86_400_000))).toBeLessThan(5_000);
  });

  it('the token is bound to its key', async () => {
    const a = await createExternalKey(h.kms);
    const b = await createExternalKey(h.kms);
    const params = await get(a.KeyId!, 'RSAES_OAEP_SHA_256', 'RSA_2048');
    const error = await failure(() =>
      h.kms.send(
        new ImportKeyMaterialCommand({
          KeyId: b.KeyId,
          ImportToken: params.ImportToken,
          EncryptedKeyMaterial: wrap(params.PublicKey!, randomBytes(32), 'RSAES_OAEP_SHA_256'),
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      ),
    );
    expect(error.name).toBe('InvalidImportTokenException');
  });

  it('material expires at ValidTo and the key returns to PendingImport', async () => {
    const key = await createExternalKey(h.kms);
    await importMaterial(h.kms, key.KeyId!, randomBytes(32), {
      validTo: new Date(h.emulator.now().getTime() + 60_000),
    });
    h.emulator.advanceClock(61);
    expect((await describeKey(h.kms, key.KeyId!)).KeyState).toBe('PendingImport');
  });

  it('different material cannot be reimported (IncorrectKeyMaterialException), even after deleting the old', async () => {
    const key = await createExternalKey(h.kms);
    const { KeyMaterialId } = await importMaterial(h.kms, key.KeyId!, randomBytes(32));
    await h.kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }));
    expect(await failure(() => importMaterial(h.kms, key.KeyId!, randomBytes(32)))).toEqual({
      name: 'IncorrectKeyMaterialException',
      message: `Imported key material does not have the expected identifier (${KeyMaterialId}).`,
    });
  });

  it('a failed import leaves the key PendingImport (not Enabled)', async () => {
    const key = await createExternalKey(h.kms, 'HMAC_256');
    await failure(() => importMaterial(h.kms, key.KeyId!, randomBytes(16)));
    const meta = await describeKey(h.kms, key.KeyId!);
    expect(meta).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
    expect(meta.ExpirationModel).toBeUndefined();
  });
});
