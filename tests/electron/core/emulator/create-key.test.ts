import { CreateKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORTABLE_KEY_SPECS } from '../../../../electron/core/crypto';
import { KEY_SPEC_TABLE } from '../../../../electron/core/emulator/key-specs';
import { failure, startHarness, type Harness } from './helpers';

/** CreateKey: every importable KeySpec with Origin=EXTERNAL, the KeyUsage rules, and the refusals (spec §1.1). */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

type Spec = NonNullable<ConstructorParameters<typeof CreateKeyCommand>[0]>['KeySpec'];
type Usage = NonNullable<ConstructorParameters<typeof CreateKeyCommand>[0]>['KeyUsage'];

describe('CreateKey', () => {
  it('creates an EXTERNAL key in PendingImport for every importable KeySpec and each KeyUsage it allows', async () => {
    for (const keySpec of IMPORTABLE_KEY_SPECS) {
      for (const usage of KEY_SPEC_TABLE[keySpec].usages) {
        const { KeyMetadata } = await h.kms.send(
          new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: keySpec as Spec, KeyUsage: usage as Usage }),
        );
        expect(KeyMetadata).toMatchObject({
          KeySpec: keySpec,
          KeyUsage: usage,
          KeyState: 'PendingImport',
          Origin: 'EXTERNAL',
        });
        const lists = [
          KeyMetadata?.EncryptionAlgorithms,
          KeyMetadata?.SigningAlgorithms,
          KeyMetadata?.MacAlgorithms,
          KeyMetadata?.KeyAgreementAlgorithms,
        ];
        expect(lists.filter((l) => l !== undefined)).toHaveLength(1);
      }
    }
  });

  it('lists the algorithms KMS shows for each usage', async () => {
    const rsa = await h.kms.send(
      new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: 'RSA_3072', KeyUsage: 'ENCRYPT_DECRYPT' }),
    );
    expect(rsa.KeyMetadata?.EncryptionAlgorithms).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
    const ed = await h.kms.send(
      new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY' }),
    );
    expect(ed.KeyMetadata?.SigningAlgorithms).toEqual(['ED25519_PH_SHA_512', 'ED25519_SHA_512']);
    const hmac = await h.kms.send(
      new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: 'HMAC_224', KeyUsage: 'GENERATE_VERIFY_MAC' }),
    );
    expect(hmac.KeyMetadata?.MacAlgorithms).toEqual(['HMAC_SHA_224']);
  });

  it('refuses a missing or incompatible KeyUsage, ML-DSA with EXTERNAL, and KeySpec with CustomerMasterKeySpec', async () => {
    expect(
      await failure(() => h.kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: 'HMAC_256' }))),
    ).toEqual({
      name: 'ValidationException',
      message: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
    });
    expect(
      (
        await failure(() =>
          h.kms.send(new CreateKeyCommand({ KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'KEY_AGREEMENT' })),
        )
      ).name,
    ).toBe('ValidationException');
    expect(
      await failure(() =>
        h.kms.send(
          new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: 'ML_DSA_44', KeyUsage: 'SIGN_VERIFY' }),
        ),
      ),
    ).toEqual({
      name: 'ValidationException',
      message: 'KeySpec ML_DSA_44 is not supported for Origin EXTERNAL',
    });
    expect(
      (
        await failure(() =>
          h.kms.send(
            new CreateKeyCommand({
              KeySpec: 'HMAC_256',
              CustomerMasterKeySpec: 'HMAC_256',
              KeyUsage: 'GENERATE_VERIFY_MAC',
            }),
          ),
        )
      ).name,
    ).toBe('ValidationException');
  });

  it('multi-Region keys get an mrk- ID; ListKeys pages with Limit and Marker', async () => {
    const { KeyMetadata } = await h.kms.send(new CreateKeyCommand({ MultiRegion: true }));
    expect(KeyMetadata?.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(KeyMetadata?.MultiRegionConfiguration?.MultiRegionKeyType).toBe('PRIMARY');
    const first = await h.kms.send(new ListKeysCommand({ Limit: 2 }));
    expect(first.Keys).toHaveLength(2);
    expect(first.Truncated).toBe(true);
    const second = await h.kms.send(new ListKeysCommand({ Limit: 2, Marker: first.NextMarker }));
    expect(second.Keys?.[0]?.KeyId).not.toBe(first.Keys?.[0]?.KeyId);
    expect((await failure(() => h.kms.send(new ListKeysCommand({ Marker: 'bogus' })))).name).toBe(
      'InvalidMarkerException',
    );
  });
});
