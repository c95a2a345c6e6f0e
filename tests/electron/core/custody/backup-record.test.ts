import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyMaterial } from '../../../../electron/core/crypto';
import { assertNoSecrets } from '../../../../electron/core/transcript/secret-guard';
import { splitMaterial } from '../../../../electron/core/custody/backup';
import { backupRecordDetails, restoreRecordDetails } from '../../../../electron/core/custody/backup-record';

const RECIPIENT = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';

describe('backup record (transcript details)', async () => {
  const material = await generateKeyMaterial('SYMMETRIC_DEFAULT');
  const backup = await splitMaterial({
    keySpec: 'SYMMETRIC_DEFAULT',
    material,
    key: 'alias/pay',
    ceremonyId: 'cer-1',
    threshold: 2,
    total: 3,
  });
  const deliveries = [
    { index: 1, custodian: 'Carol', form: 'age-x25519' as const, recipient: RECIPIENT },
    { index: 2, custodian: 'Dave', form: 'age-passphrase' as const },
    { index: 3, custodian: 'Erin', form: 'printed-sheet' as const },
  ];

  it('records who received which share, in which form, and its SHA-256, and passes the transcript guard', () => {
    const details = backupRecordDetails(backup.header, backup.shares, deliveries);
    expect(details).toMatchObject({
      backupId: backup.header.backupId,
      ceremonyId: 'cer-1',
      key: 'alias/pay',
      threshold: 2,
      total: 3,
    });
    expect(details.shares.map((s) => [s.index, s.custodian, s.form])).toEqual([
      [1, 'Carol', 'age-x25519'],
      [2, 'Dave', 'age-passphrase'],
      [3, 'Erin', 'printed-sheet'],
    ]);
    expect(details.shares[0]!.recipientPublicKey).toBe(RECIPIENT);
    expect(details.shares[2]!.shareSha256).toBe(
      backup.shares[2]!.bytes.use((b) => createHash('sha256').update(b).digest('hex')),
    );
    expect(() => assertNoSecrets(details)).not.toThrow();
    const json = JSON.stringify(details);
    for (const share of backup.shares) {
      share.bytes.use((b) => {
        expect(json.toLowerCase()).not.toContain(b.toString('hex').slice(0, 16));
        expect(json).not.toContain(b.toString('base64').slice(0, 16));
      });
    }
    const restore = restoreRecordDetails(backup.header, backup.shares.slice(1));
    expect(restore.shares.map((s) => s.index)).toEqual([2, 3]);
    expect(() => assertNoSecrets(restore)).not.toThrow();
  });

  it('refuses a share given to nobody, one custodian twice, and an age delivery without a recipient', () => {
    expect(() => backupRecordDetails(backup.header, backup.shares, deliveries.slice(0, 2))).toThrow(
      /needs one delivery per share/,
    );
    expect(() =>
      backupRecordDetails(backup.header, backup.shares, [
        ...deliveries.slice(0, 2),
        { ...deliveries[2]!, custodian: 'carol' },
      ]),
    ).toThrow(/are the same custodian/);
    expect(() =>
      backupRecordDetails(backup.header, backup.shares, [
        { ...deliveries[0]!, recipient: undefined },
        ...deliveries.slice(1),
      ]),
    ).toThrow('share 1 of 3 was encrypted to an age key, but no recipient was named.');
  });
});
