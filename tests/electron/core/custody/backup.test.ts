import { describe, expect, it } from 'vitest';
import { generateKeyMaterial, Secret } from '../../../../electron/core/crypto';
import { AppError } from '../../../../electron/core/errors';
import { combineShares, splitMaterial } from '../../../../electron/core/custody/backup';
import type { Share } from '../../../../electron/core/custody/share';

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

function subsets<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) => subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]));
}

function damaged(share: Share): Share {
  const bytes = share.bytes.use((b) => Secret.copyOf(b));
  bytes.use((b) => (b[5] = b[5]! ^ 0x40));
  return { header: share.header, bytes };
}

describe('M-of-N backup', async () => {
  const material = await generateKeyMaterial('SYMMETRIC_DEFAULT');
  const backup = await splitMaterial({
    keySpec: 'SYMMETRIC_DEFAULT',
    material,
    key: KEY,
    threshold: 3,
    total: 5,
  });

  it('binds every share to one backup: id, key, key spec, check value, i of N, threshold', () => {
    expect(backup.header.backupId).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    expect(backup.shares.map((s) => s.header.index)).toEqual([1, 2, 3, 4, 5]);
    for (const share of backup.shares) {
      expect(share.header).toMatchObject({
        key: KEY,
        keySpec: 'SYMMETRIC_DEFAULT',
        threshold: 3,
        total: 5,
        shareBytes: 33,
      });
      expect(share.bytes.length).toBe(33);
    }
  });

  it('rebuilds the material from every 3-subset of the 5 shares (and from all 5)', async () => {
    const groups = [...subsets(backup.shares, 3), backup.shares];
    expect(groups).toHaveLength(11);
    for (const group of groups) {
      const result = await combineShares(group, { key: KEY, keySpec: 'SYMMETRIC_DEFAULT' });
      expect(result.material.equals(material)).toBe(true);
      expect(result.checkValue.value).toBe(backup.header.checkValue.value);
      result.material.wipe();
    }
  });

  it('refuses every 2-subset, naming how many are needed and which were given', async () => {
    const pairs = subsets(backup.shares, 2);
    expect(pairs).toHaveLength(10);
    for (const pair of pairs) {
      const e = await rejection(combineShares(pair));
      expect(e.code).toBe('TOO_FEW_SHARES');
    }
    const e = await rejection(combineShares([backup.shares[3]!, backup.shares[0]!]));
    expect(e.message).toBe('This backup needs 3 of its 5 shares; 2 were given (share 1, share 4).');
    expect(e.hint).toBe('Bring 1 more custodian with their share; nothing was rebuilt.');
  });

  it('a share sheet claiming a lower threshold does not yield a wrong key: the check value refuses it', async () => {
    const forged = backup.shares
      .slice(0, 2)
      .map((s) => ({ header: { ...s.header, threshold: 2 }, bytes: s.bytes }));
    expect((await rejection(combineShares(forged))).code).toBe('SHARES_DISAGREE');
  });

  it('names the damaged share when more than M are given, and asks for one more when exactly M are', async () => {
    const [s1, s2, s3, s4] = backup.shares;
    const bad = damaged(s2!);
    const e = await rejection(combineShares([s1!, bad, s3!, s4!]));
    expect(e.code).toBe('SHARE_MISMATCH');
    expect(e.message).toBe(
      'share 2 of 5 does not match the others: the remaining shares rebuild the material with the recorded check value, this one does not.',
    );
    expect(e.hint).toBe(
      'Leave share 2 of 5 out (and have its custodian check it), then combine the others again.',
    );
    const exact = await rejection(combineShares([s1!, bad, s3!]));
    expect(exact.code).toBe('SHARES_DISAGREE');
    expect(exact.hint).toMatch(/Bring one more custodian/);
  });

  it('refuses shares of two backups, the same share twice, and shares of another key', async () => {
    const other = await splitMaterial({
      keySpec: 'SYMMETRIC_DEFAULT',
      material,
      key: KEY,
      threshold: 3,
      total: 5,
    });
    const mixed = await rejection(combineShares([backup.shares[0]!, backup.shares[1]!, other.shares[2]!]));
    expect(mixed.code).toBe('SHARE_OTHER_BACKUP');
    expect(mixed.message).toBe(
      `share 3 of 5 belongs to backup ${other.header.backupId}, but share 1 of 5 belongs to backup ${backup.header.backupId}; shares of two backups cannot be combined.`,
    );
    const twice = await rejection(combineShares([backup.shares[0]!, backup.shares[1]!, backup.shares[1]!]));
    expect(twice.message).toBe('share 2 of 5 was given twice.');
    const otherKey = await rejection(combineShares(backup.shares.slice(0, 3), { key: 'alias/other' }));
    expect(otherKey.message).toBe(`share 1 of 5 is a share of key ${KEY}, not of alias/other.`);
    const altered = backup.shares
      .slice(0, 3)
      .map((s, i) => (i === 2 ? { ...s, header: { ...s.header, key: 'alias/x' } } : s));
    expect((await rejection(combineShares(altered))).code).toBe('SHARE_HEADER_MISMATCH');
  });

  it('refuses impossible shapes: M < 2, N > 9, M > N', async () => {
    for (const [threshold, total] of [
      [1, 3],
      [2, 10],
      [4, 3],
    ]) {
      const e = await rejection(
        splitMaterial({
          keySpec: 'SYMMETRIC_DEFAULT',
          material,
          key: KEY,
          threshold: threshold!,
          total: total!,
        }),
      );
      expect(e.code).toBe('BACKUP_SHAPE');
    }
  });

  it.each(['HMAC_512', 'ECC_NIST_P256', 'RSA_2048'] as const)(
    'backs up and restores %s material (2 of 3)',
    async (keySpec) => {
      const m = await generateKeyMaterial(keySpec);
      const b = await splitMaterial({ keySpec, material: m, key: 'alias/k', threshold: 2, total: 3 });
      const r = await combineShares([b.shares[2]!, b.shares[0]!]);
      expect(r.material.equals(m)).toBe(true);
      expect(r.used).toEqual([1, 3]);
    },
  );
});
