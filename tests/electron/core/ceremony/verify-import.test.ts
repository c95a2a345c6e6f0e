/**
 * verifyImport and verifyAgainstCheckValue (electron/core/ceremony/verify-import.ts) with a stand-in gateway:
 * GetPublicKey and the key usage's own call (Sign, Decrypt) are in flight together, the checks keep their
 * order, and a KMS that holds other material fails them.
 */
import {
  constants,
  createHash,
  generateKeyPairSync,
  privateDecrypt,
  sign,
  type KeyObject,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyAgainstCheckValue, verifyImport } from '../../../../electron/core/ceremony/verify-import';
import { adoptIntoSecret } from '../../../../electron/core/crypto/secret';
import type { KmsGateway } from '../../../../electron/core/kms/gateway';

const spkiOf = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });

/** A gateway whose GetPublicKey answers only when released, so the test sees what was sent meanwhile. */
function fakeKms(held: { privateKey: KeyObject; publicKey: KeyObject }) {
  const sent: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const gateway = {
    getPublicKey: async () => {
      sent.push('GetPublicKey');
      await released;
      return spkiOf(held.publicKey);
    },
    sign: async (_keyId: string, message: Buffer) => {
      sent.push('Sign');
      return sign('sha256', message, held.privateKey);
    },
    decrypt: async (_keyId: string, ciphertext: Buffer) => {
      sent.push('Decrypt');
      return privateDecrypt(
        { key: held.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        ciphertext,
      );
    },
  } as unknown as KmsGateway;
  return { gateway, sent, release };
}

const ec = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const material = (key: KeyObject) => adoptIntoSecret(key.export({ type: 'pkcs8', format: 'der' }));

describe('verifyImport', () => {
  for (const [keySpec, keyUsage, make, call] of [
    ['ECC_NIST_P256', 'SIGN_VERIFY', ec, 'Sign'],
    ['RSA_2048', 'ENCRYPT_DECRYPT', rsa, 'Decrypt'],
  ] as const) {
    it(`${keySpec} ${keyUsage}: GetPublicKey and ${call} go together; both checks pass, in order`, async () => {
      const pair = make();
      const kms = fakeKms(pair);
      const result = verifyImport({
        gateway: kms.gateway,
        keyId: 'k',
        keySpec,
        keyUsage,
        material: material(pair.privateKey),
      });
      await new Promise((r) => setImmediate(r));
      expect(kms.sent, `${call} was sent before GetPublicKey answered`).toEqual(['GetPublicKey', call]);
      kms.release();
      const { passed, checks } = await result;
      expect(passed).toBe(true);
      expect(checks.map((c) => [c.name.startsWith('GetPublicKey'), c.passed])).toEqual([
        [true, true],
        [false, true],
      ]);
    });
  }

  it('a KMS that holds another key fails both checks', async () => {
    const kms = fakeKms(ec());
    kms.release();
    const result = await verifyImport({
      gateway: kms.gateway,
      keyId: 'k',
      keySpec: 'ECC_NIST_P256',
      keyUsage: 'SIGN_VERIFY',
      material: material(ec().privateKey),
    });
    expect(result.passed).toBe(false);
    expect(result.checks.map((c) => c.passed)).toEqual([false, false]);
  });
});

describe('verifyAgainstCheckValue', () => {
  it('asks for the public key and a signature together, and checks both against the offline check value', async () => {
    const pair = ec();
    const kms = fakeKms(pair);
    const checkValue = createHash('sha256').update(spkiOf(pair.publicKey)).digest('hex').toUpperCase();
    const result = verifyAgainstCheckValue({
      gateway: kms.gateway,
      keyId: 'k',
      keySpec: 'ECC_NIST_P256',
      keyUsage: 'SIGN_VERIFY',
      checkValue: { kind: 'SHA-256 of the public key', value: checkValue },
    });
    await new Promise((r) => setImmediate(r));
    expect(kms.sent).toEqual(['GetPublicKey', 'Sign']);
    kms.release();
    expect((await result).checks.map((c) => c.passed)).toEqual([true, true]);
  });

  it('a check value of other material fails', async () => {
    const kms = fakeKms(ec());
    kms.release();
    const other = createHash('sha256').update(spkiOf(ec().publicKey)).digest('hex').toUpperCase();
    const result = await verifyAgainstCheckValue({
      gateway: kms.gateway,
      keyId: 'k',
      keySpec: 'ECC_NIST_P256',
      keyUsage: 'SIGN_VERIFY',
      checkValue: { kind: 'SHA-256 of the public key', value: other },
    });
    expect(result.passed).toBe(false);
    expect(result.checks[0]!.passed).toBe(false);
  });
});
