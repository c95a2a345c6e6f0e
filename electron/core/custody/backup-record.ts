import { AppError } from '../errors';
import { distinctCustodians } from './custodian-names';
import { shareLabel, shareSha256, type BackupHeader, type Share } from './share';

/**
 * What the transcript records about a backup and a restore: who received which share, in which form, and
 * each share's SHA-256 (so a share can later be recognised), never a share or the material. Pure functions
 * returning event details that pass transcript/secret-guard.ts; the session decides when to record them.
 */
/**
 * 'printed-sheet': a sheet printed and never saved; 'sheet-file': a sheet saved to a PDF file (0600), printed
 * too when `printed` says so (the app) or to be printed later (a script); age files otherwise.
 */
export type ShareForm = 'printed-sheet' | 'sheet-file' | 'age-x25519' | 'age-passphrase';

export interface ShareDelivery {
  index: number;
  custodian: string;
  form: ShareForm;
  /** The custodian's age public key ("age1…"), for form 'age-x25519'. */
  recipient?: string;
  /** The sheet was printed and the officers confirmed the custodian holds it. */
  printed?: boolean;
}

export interface BackupRecordDetails {
  backupId: string;
  ceremonyId?: string;
  key: string;
  keySpec: string;
  checkValue: string;
  threshold: number;
  total: number;
  shares: {
    index: number;
    custodian: string;
    form: ShareForm;
    recipientPublicKey?: string;
    printed?: true;
    shareSha256: string;
  }[];
}

/**
 * The details of a "backup made" event. Errors (AppError BACKUP_RECORD) when the deliveries do not give
 * every share 1..N to exactly one distinct custodian, or an age-x25519 delivery has no recipient.
 */
export function backupRecordDetails(
  header: BackupHeader,
  shares: readonly Share[],
  deliveries: readonly ShareDelivery[],
): BackupRecordDetails {
  const byIndex = new Map(deliveries.map((d) => [d.index, d]));
  if (
    byIndex.size !== deliveries.length ||
    shares.length !== header.total ||
    deliveries.length !== header.total
  ) {
    throw new AppError(
      'BACKUP_RECORD',
      `A backup of ${header.total} shares needs one delivery per share; ${deliveries.length} were given.`,
      'Give each share to exactly one custodian.',
    );
  }
  const names = distinctCustodians(deliveries.map((d) => d.custodian));
  return {
    backupId: header.backupId,
    ...(header.ceremonyId ? { ceremonyId: header.ceremonyId } : {}),
    key: header.key,
    keySpec: header.keySpec,
    checkValue: `${header.checkValue.kind} ${header.checkValue.value}`,
    threshold: header.threshold,
    total: header.total,
    shares: shares.map((share) => {
      const delivery = byIndex.get(share.header.index);
      if (!delivery) {
        throw new AppError(
          'BACKUP_RECORD',
          `No custodian received ${shareLabel(share.header)}.`,
          'Give each share to a custodian.',
        );
      }
      if (delivery.form === 'age-x25519' && !delivery.recipient) {
        throw new AppError(
          'BACKUP_RECORD',
          `${shareLabel(share.header)} was encrypted to an age key, but no recipient was named.`,
          "Record the custodian's age1… recipient.",
        );
      }
      return {
        index: share.header.index,
        custodian: names[deliveries.indexOf(delivery)]!.display,
        form: delivery.form,
        ...(delivery.form === 'age-x25519' ? { recipientPublicKey: delivery.recipient } : {}),
        ...(delivery.printed ? { printed: true as const } : {}),
        shareSha256: shareSha256(share),
      };
    }),
  };
}

/** The details of a "material restored from backup" event: which shares were used, and the verified check value. */
export function restoreRecordDetails(
  header: BackupHeader,
  used: readonly Share[],
): {
  backupId: string;
  key: string;
  keySpec: string;
  checkValue: string;
  threshold: number;
  shares: { index: number; shareSha256: string }[];
} {
  return {
    backupId: header.backupId,
    key: header.key,
    keySpec: header.keySpec,
    checkValue: `${header.checkValue.kind} ${header.checkValue.value}`,
    threshold: header.threshold,
    shares: used.map((s) => ({ index: s.header.index, shareSha256: shareSha256(s) })),
  };
}
