import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors';
import type { BackupRecordDetails, Share } from '../../core/custody';
import type { CliIo } from '../command';
import { VERIFY_USAGE } from './usage';

import { EXPECTATION_OPTIONS, expectation } from './combine';
import { readShares, SHARE_INPUT_OPTIONS, shareInputs } from './share-inputs';

export async function runVerify(args: string[], io: CliIo): Promise<number> {
  const options = {
    ...SHARE_INPUT_OPTIONS,
    ...EXPECTATION_OPTIONS,
    record: { type: 'string' },
    'check-value': { type: 'string' },
  } as const;
  const inputs = shareInputs(args, options, VERIFY_USAGE);
  const { values } = parseArgs({ args, options, strict: true });
  const record = values.record ? readRecord(values.record) : undefined;
  const expectedCheck =
    values['check-value']?.replace(/\s/g, '').toUpperCase() ?? record?.checkValue.split(' ')[1];
  const { combineShares, shareLabel, shareSha256 } = await import('../../core/custody');
  const shares = await readShares(inputs);
  try {
    const expect = {
      ...(record ? { backupId: record.backupId, key: record.key } : {}),
      ...expectation(values),
    };
    for (const share of shares) {
      const label = shareLabel(share.header);
      checkAgainst(share, label, expect, expectedCheck);
      const entry = record?.shares.find((s) => s.index === share.header.index);
      if (record && (!entry || entry.shareSha256 !== shareSha256(share))) {
        throw new AppError(
          'SHARE_NOT_RECORDED',
          `${label} is not the share the backup record lists for index ${share.header.index}${entry ? ` (given to ${entry.custodian})` : ''}.`,
          'Check that this is the right sheet or file for this backup; it may have been altered.',
        );
      }
      io.stdout(
        `${label} of backup ${share.header.backupId}: readable${entry ? `, matches the record (given to ${entry.custodian}, ${entry.form})` : ''}.`,
      );
    }
    const threshold = shares[0]!.header.threshold;
    if (shares.length < threshold) {
      io.stdout(
        `${shares.length} share${shares.length > 1 ? 's' : ''} checked; ${threshold} are needed to rebuild and check the material itself.`,
      );
      return 0;
    }
    const result = await combineShares(shares, expect);
    result.material.wipe();
    io.stdout(
      `The shares rebuild the material: check value ${result.checkValue.kind} ${result.checkValue.value} matches the backup.`,
    );
    return 0;
  } finally {
    for (const share of shares) share.bytes.wipe();
  }
}

function checkAgainst(
  share: Share,
  label: string,
  expect: { backupId?: string; key?: string },
  checkValue?: string,
): void {
  const h = share.header;
  if (expect.backupId && h.backupId !== expect.backupId) {
    throw new AppError(
      'SHARE_OTHER_BACKUP',
      `${label} belongs to backup ${h.backupId}, not to backup ${expect.backupId}.`,
      `Bring the shares of backup ${expect.backupId}.`,
    );
  }
  if (expect.key && h.key !== expect.key) {
    throw new AppError(
      'SHARE_OTHER_KEY',
      `${label} is a share of key ${h.key}, not of ${expect.key}.`,
      `Bring the share made for ${expect.key}.`,
    );
  }
  if (checkValue && h.checkValue.value !== checkValue) {
    throw new AppError(
      'SHARE_OTHER_KEY',
      `${label} records check value ${h.checkValue.value}, not ${checkValue}: it is a share of other material.`,
      'Bring the share of this key material.',
    );
  }
}

function readRecord(path: string): BackupRecordDetails {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as BackupRecordDetails;
    if (typeof record.backupId !== 'string' || !Array.isArray(record.shares)) throw new Error('not a record');
    return record;
  } catch {
    throw new AppError(
      'BAD_RECORD',
      `${path} is not a backup record written by \`kms-ceremony shares split\`.`,
      'Give the backup-<ID>-record.json file.',
    );
  }
}
