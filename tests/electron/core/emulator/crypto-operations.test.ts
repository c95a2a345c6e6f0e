import {
  constants,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  verify,
} from 'node:crypto';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ListAliasesCommand,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExternalKey, failure, importMaterial, pkcs8For, startHarness, type Harness } from './helpers';

/**
 * The cryptographic operations are real, so the app can prove locally that KMS holds exactly the imported
 * material: HMACs match, signatures verify with the locally derived public key, ciphertexts open with the AES key.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

async function imported(keySpec: Parameters<typeof createExternalKey>[1], material: Buffer, usage?: string) {
  const key = await createExternalKey(h.kms, keySpec, usage ? { KeyUsage: usage } : {});
  const algorithm = keySpec?.startsWith('RSA') ? 'RSA_AES_KEY_WRAP_SHA_256' : 'RSAES_OAEP_SHA_256';
  // Ed25519 with OAEP needs an RSA_3072+ wrapping key (spec §2.1).
  const wrappingKeySpec = keySpec === 'ECC_NIST_EDWARDS25519' ? 'RSA_3072' : 'RSA_2048';
  await importMaterial(h.kms, key.KeyId!, material, { algorithm, wrappingKeySpec });
  return key;
}

describe('cryptographic operations with imported material', () => {
  it('Encrypt/Decrypt: the blob is AES-256-GCM under the imported key (documented format) and round-trips', async () => {
    const aes = randomBytes(32);
    const key = await imported('SYMMETRIC_DEFAULT', aes);
    const context = { purpose: 'rehearsal' };
    const { CiphertextBlob, KeyId } = await h.kms.send(
      new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('hello'), EncryptionContext: context }),
    );
    expect(KeyId).toBe(key.Arn);
    const blob = Buffer.from(CiphertextBlob!);
    const n = blob[1]!;
    expect(blob.subarray(2, 2 + n).toString('ascii')).toBe(key.KeyId);
    const header = blob.subarray(0, 34 + n);
    const decipher = createDecipheriv('aes-256-gcm', aes, blob.subarray(34 + n, 46 + n));
    decipher.setAAD(Buffer.concat([header, Buffer.from(JSON.stringify([['purpose', 'rehearsal']]))]));
    decipher.setAuthTag(blob.subarray(blob.length - 16));
    const local = Buffer.concat([decipher.update(blob.subarray(46 + n, blob.length - 16)), decipher.final()]);
    expect(local.toString()).toBe('hello');
    const decrypted = await h.kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context }));
    expect(Buffer.from(decrypted.Plaintext!).toString()).toBe('hello');
    expect((await failure(() => h.kms.send(new DecryptCommand({ CiphertextBlob })))).name).toBe(
      'InvalidCiphertextException',
    );
  });

  it('GenerateDataKey returns a plaintext key whose ciphertext decrypts to it', async () => {
    const key = await imported('SYMMETRIC_DEFAULT', randomBytes(32));
    const dk = await h.kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' }));
    expect(dk.Plaintext).toHaveLength(32);
    const back = await h.kms.send(
      new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, KeyId: key.KeyId }),
    );
    expect(Buffer.from(back.Plaintext!).equals(Buffer.from(dk.Plaintext!))).toBe(true);
  });

  it('Decrypt with another key than the one in the blob is IncorrectKeyException', async () => {
    const material = randomBytes(32);
    const a = await imported('SYMMETRIC_DEFAULT', material);
    const b = await imported('SYMMETRIC_DEFAULT', material);
    const { CiphertextBlob } = await h.kms.send(
      new EncryptCommand({ KeyId: a.KeyId, Plaintext: Buffer.from('x') }),
    );
    expect(
      (await failure(() => h.kms.send(new DecryptCommand({ CiphertextBlob, KeyId: b.KeyId })))).name,
    ).toBe('IncorrectKeyException');
  });

  it('GenerateMac equals the HMAC computed locally over the imported bytes; VerifyMac checks it', async () => {
    const secret = randomBytes(48);
    const key = await imported('HMAC_384', secret);
    const message = Buffer.from('ceremony transcript');
    const { Mac } = await h.kms.send(
      new GenerateMacCommand({ KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_384' }),
    );
    expect(Buffer.from(Mac!).equals(createHmac('sha384', secret).update(message).digest())).toBe(true);
    const ok = await h.kms.send(
      new VerifyMacCommand({ KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_384', Mac }),
    );
    expect(ok.MacValid).toBe(true);
    const bad = Buffer.from(Mac!);
    bad[0]! ^= 1;
    expect(
      await failure(() =>
        h.kms.send(
          new VerifyMacCommand({
            KeyId: key.KeyId,
            Message: message,
            MacAlgorithm: 'HMAC_SHA_384',
            Mac: bad,
          }),
        ),
      ),
    ).toEqual({ name: 'KMSInvalidMacException', message: 'UnknownError' });
    expect(
      (
        await failure(() =>
          h.kms.send(
            new GenerateMacCommand({ KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }),
          ),
        )
      ).name,
    ).toBe('InvalidKeyUsageException');
  });

  it('Sign (ECDSA P-256, Ed25519, RSA-PSS) verifies with the public key derived locally; GetPublicKey matches it', async () => {
    for (const [keySpec, algorithm, digest] of [
      ['ECC_NIST_P256', 'ECDSA_SHA_256', 'sha256'],
      ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512', null],
      ['RSA_2048', 'RSASSA_PSS_SHA_256', 'sha256'],
    ] as const) {
      const pkcs8 = pkcs8For(keySpec);
      const key = await imported(keySpec, pkcs8, 'SIGN_VERIFY');
      const localPublic = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
      const { PublicKey } = await h.kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }));
      expect(Buffer.from(PublicKey!).equals(localPublic.export({ format: 'der', type: 'spki' }))).toBe(true);
      const message = Buffer.from(`signed by ${keySpec}`);
      const { Signature } = await h.kms.send(
        new SignCommand({
          KeyId: key.KeyId,
          Message: message,
          MessageType: 'RAW',
          SigningAlgorithm: algorithm,
        }),
      );
      const pss = algorithm.startsWith('RSASSA_PSS')
        ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
        : {};
      expect(
        verify(digest, message, { key: localPublic, dsaEncoding: 'der', ...pss }, Buffer.from(Signature!)),
      ).toBe(true);
      const checked = await h.kms.send(
        new VerifyCommand({ KeyId: key.KeyId, Message: message, Signature, SigningAlgorithm: algorithm }),
      );
      expect(checked.SignatureValid).toBe(true);
      const other = Buffer.from('something else');
      expect(
        await failure(() =>
          h.kms.send(
            new VerifyCommand({ KeyId: key.KeyId, Message: other, Signature, SigningAlgorithm: algorithm }),
          ),
        ),
      ).toEqual({ name: 'KMSInvalidSignatureException', message: 'UnknownError' });
    }
  });

  it('RSA ENCRYPT_DECRYPT keys decrypt OAEP ciphertexts made from the public key, and KMS ciphertexts open locally', async () => {
    const pkcs8 = pkcs8For('RSA_2048');
    const key = await imported('RSA_2048', pkcs8, 'ENCRYPT_DECRYPT');
    const localPrivate = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const local = publicEncrypt(
      { key: createPublicKey(localPrivate), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from('wrapped by the app'),
    );
    const { Plaintext } = await h.kms.send(
      new DecryptCommand({
        KeyId: key.KeyId,
        CiphertextBlob: local,
        EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      }),
    );
    expect(Buffer.from(Plaintext!).toString()).toBe('wrapped by the app');
    const { CiphertextBlob } = await h.kms.send(
      new EncryptCommand({
        KeyId: key.KeyId,
        Plaintext: Buffer.from('from kms'),
        EncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
      }),
    );
    const opened = privateDecrypt(
      { key: localPrivate, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      Buffer.from(CiphertextBlob!),
    );
    expect(opened.toString()).toBe('from kms');
    expect(
      await failure(() =>
        h.kms.send(
          new EncryptCommand({
            KeyId: key.KeyId,
            Plaintext: Buffer.alloc(191),
            EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
          }),
        ),
      ),
    ).toEqual({
      name: 'ValidationException',
      message:
        'Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.',
    });
  });

  it('AWS_KMS-origin keys of every family work too (material generated by the emulator)', async () => {
    const { KeyMetadata } = await h.kms.send(
      new CreateKeyCommand({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'SIGN_VERIFY' }),
    );
    expect(KeyMetadata).toMatchObject({
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      SigningAlgorithms: ['ECDSA_SHA_256'],
    });
    const message = Buffer.from('m');
    const { Signature } = await h.kms.send(
      new SignCommand({ KeyId: KeyMetadata!.KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    const ok = await h.kms.send(
      new VerifyCommand({
        KeyId: KeyMetadata!.KeyId,
        Message: message,
        Signature,
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect(ok.SignatureValid).toBe(true);
  });
});

describe('aliases', () => {
  it('resolve where KMS accepts them (DescribeKey, Encrypt, Decrypt, GenerateMac, Sign, GetPublicKey)', async () => {
    const key = await imported('SYMMETRIC_DEFAULT', randomBytes(32));
    await h.kms.send(new CreateAliasCommand({ AliasName: 'alias/ceremony-test', TargetKeyId: key.KeyId }));
    expect(
      (await h.kms.send(new DescribeKeyCommand({ KeyId: 'alias/ceremony-test' }))).KeyMetadata?.KeyId,
    ).toBe(key.KeyId);
    const aliasArn = 'arn:aws:kms:us-east-1:111122223333:alias/ceremony-test';
    const { CiphertextBlob } = await h.kms.send(
      new EncryptCommand({ KeyId: aliasArn, Plaintext: Buffer.from('a') }),
    );
    const back = await h.kms.send(new DecryptCommand({ CiphertextBlob, KeyId: 'alias/ceremony-test' }));
    expect(Buffer.from(back.Plaintext!).toString()).toBe('a');
    const listed = await h.kms.send(new ListAliasesCommand({ KeyId: key.KeyId }));
    expect(listed.Aliases?.map((a) => [a.AliasName, a.AliasArn, a.TargetKeyId])).toEqual([
      ['alias/ceremony-test', aliasArn, key.KeyId],
    ]);
  });

  it('are refused where KMS refuses them (import operations, EnableKey, CreateAlias target)', async () => {
    const key = await createExternalKey(h.kms);
    await h.kms.send(new CreateAliasCommand({ AliasName: 'alias/pending', TargetKeyId: key.Arn }));
    const invalid = { name: 'NotFoundException', message: "Invalid keyId 'alias/pending'" };
    expect(
      await failure(() =>
        h.kms.send(
          new GetParametersForImportCommand({
            KeyId: 'alias/pending',
            WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
            WrappingKeySpec: 'RSA_2048',
          }),
        ),
      ),
    ).toEqual(invalid);
    expect(await failure(() => h.kms.send(new EnableKeyCommand({ KeyId: 'alias/pending' })))).toEqual(
      invalid,
    );
    expect(
      await failure(() =>
        h.kms.send(new CreateAliasCommand({ AliasName: 'alias/second', TargetKeyId: 'alias/pending' })),
      ),
    ).toEqual(invalid);
  });

  it('duplicate, reserved, malformed and missing alias names give the KMS errors', async () => {
    const key = await createExternalKey(h.kms);
    await h.kms.send(new CreateAliasCommand({ AliasName: 'alias/dup', TargetKeyId: key.KeyId }));
    expect(
      await failure(() =>
        h.kms.send(new CreateAliasCommand({ AliasName: 'alias/dup', TargetKeyId: key.KeyId })),
      ),
    ).toEqual({
      name: 'AlreadyExistsException',
      message: 'An alias with the name arn:aws:kms:us-east-1:111122223333:alias/dup already exists',
    });
    expect(
      (await failure(() => h.kms.send(new CreateAliasCommand({ AliasName: 'dup', TargetKeyId: key.KeyId }))))
        .name,
    ).toBe('ValidationException');
    expect(
      (
        await failure(() =>
          h.kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/x', TargetKeyId: key.KeyId })),
        )
      ).name,
    ).toBe('NotAuthorizedException');
    await h.kms.send(new DeleteAliasCommand({ AliasName: 'alias/dup' }));
    expect(await failure(() => h.kms.send(new DeleteAliasCommand({ AliasName: 'alias/dup' })))).toEqual({
      name: 'NotFoundException',
      message: 'Alias arn:aws:kms:us-east-1:111122223333:alias/dup is not found.',
    });
  });
});

describe('DryRun', () => {
  it('runs the checks and answers DryRunOperationException (HTTP 400) instead of a result', async () => {
    const key = await imported('SYMMETRIC_DEFAULT', randomBytes(32));
    expect(
      await failure(() =>
        h.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x'), DryRun: true })),
      ),
    ).toEqual({
      name: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
    });
    const pending = await createExternalKey(h.kms);
    expect(
      (
        await failure(() =>
          h.kms.send(new EncryptCommand({ KeyId: pending.KeyId, Plaintext: Buffer.from('x'), DryRun: true })),
        )
      ).name,
    ).toBe('KMSInvalidStateException');
  });
});
