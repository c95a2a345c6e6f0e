import { describe, expect, it } from 'vitest';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { generateKeyMaterial, Secret } from '../../../../electron/core/crypto';
import { AppError } from '../../../../electron/core/errors';
import { combineShares, splitMaterial } from '../../../../electron/core/custody/backup';
import { decryptShare, encryptShare } from '../../../../electron/core/custody/share-age';

const secret = (text: string) => Secret.copyOf(Buffer.from(text));

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('shares encrypted to custodians with age', async () => {
  const material = await generateKeyMaterial('HMAC_256');
  const backup = await splitMaterial({
    keySpec: 'HMAC_256',
    material,
    key: 'alias/mac',
    threshold: 2,
    total: 3,
  });
  const carol = await generateIdentity();
  const dave = await generateIdentity();

  it('round-trips through an X25519 recipient (age1…) and its identity', async () => {
    const file = await encryptShare(
      backup.shares[0]!,
      { recipient: await identityToRecipient(carol) },
      'Carol',
    );
    expect(Buffer.from(file.subarray(0, 21)).toString()).toBe('age-encryption.org/v1');
    const share = await decryptShare(file, { identity: secret(carol) }, 'carol.age', 'Carol');
    expect(share.header).toEqual(backup.shares[0]!.header);
    expect(share.bytes.equals(backup.shares[0]!.bytes)).toBe(true);
  });

  it('round-trips through a passphrase (age scrypt)', async () => {
    const file = await encryptShare(
      backup.shares[1]!,
      { passphrase: secret('correct horse battery'), workFactor: 10 },
      'Dave',
    );
    const share = await decryptShare(
      file,
      { passphrase: secret('correct horse battery') },
      'dave.age',
      'Dave',
    );
    expect(share.bytes.equals(backup.shares[1]!.bytes)).toBe(true);
    const restored = await combineShares([share, backup.shares[2]!]);
    expect(restored.material.equals(material)).toBe(true);
  });

  it('a wrong identity or passphrase gives a sentence naming the custodian and the file', async () => {
    const file = await encryptShare(
      backup.shares[0]!,
      { recipient: await identityToRecipient(carol) },
      'Carol',
    );
    const wrongId = await rejection(decryptShare(file, { identity: secret(dave) }, 'carol.age', 'Carol'));
    expect(wrongId.code).toBe('AGE_LOCKED');
    expect(wrongId.message).toBe(
      "Carol's share file carol.age could not be opened with the identity given: it was encrypted to another recipient (or to a passphrase).",
    );
    expect(wrongId.hint).toBe('Carol should give their own identity file for this share.');
    const locked = await encryptShare(
      backup.shares[1]!,
      { passphrase: secret('the right passphrase'), workFactor: 10 },
      'Dave',
    );
    const wrongPass = await rejection(
      decryptShare(locked, { passphrase: secret('wrong') }, 'dave.age', 'Dave'),
    );
    expect(wrongPass.message).toBe(
      "Dave's share file dave.age could not be opened with the passphrase given: it was encrypted to another passphrase (or to a public key).",
    );
  });

  it('refuses a passphrase shorter than 10 characters, naming the custodian', async () => {
    const e = await rejection(
      encryptShare(backup.shares[1]!, { passphrase: secret('short'), workFactor: 10 }, 'Dave'),
    );
    expect(e.message).toBe("Dave's passphrase is 5 characters long; a share's passphrase needs at least 10.");
  });

  it('refuses a bad recipient, a bad identity and a damaged file, naming whose it is', async () => {
    expect(
      (await rejection(encryptShare(backup.shares[0]!, { recipient: 'ssh-ed25519 AAAA' }, 'Carol'))).message,
    ).toBe(`Carol's recipient "ssh-ed25519 …" is not an age public key.`);
    expect((await rejection(encryptShare(backup.shares[0]!, { recipient: 'age1qqqq' }, 'Carol'))).code).toBe(
      'BAD_RECIPIENT',
    );
    const file = await encryptShare(
      backup.shares[0]!,
      { recipient: await identityToRecipient(carol) },
      'Carol',
    );
    expect(
      (await rejection(decryptShare(file, { identity: secret('AGE-SECRET-KEY-1XYZ') }, 'carol.age', 'Carol')))
        .code,
    ).toBe('BAD_IDENTITY');
    const damaged = Uint8Array.from(file);
    damaged[damaged.length - 3] = damaged[damaged.length - 3]! ^ 1;
    expect(
      (await rejection(decryptShare(damaged, { identity: secret(carol) }, 'carol.age', 'Carol'))).code,
    ).toBe('NOT_AGE');
    expect(
      (await rejection(decryptShare(Buffer.from('not age'), { identity: secret(carol) }, 'x.age'))).message,
    ).toMatch(/^The share file x.age is not a readable age file/);
  });
});
