import { createHash } from 'node:crypto';
import type { CheckValue, KeySpec, Secret } from '../crypto';

/**
 * One custodian's share of an M-of-N backup, and the header that binds it to exactly one backup.
 *
 * `bytes` is a share as `shamir-secret-sharing` produces it: the material's length + 1 bytes, the last byte
 * being the share's x coordinate in GF(2^8). Any M shares of a backup rebuild the material; M−1 reveal
 * nothing about it (Shamir 1979). The header is not secret: it says which key, which backup and which share
 * this is, and carries the material's check value so a rebuilt material is verified before any use.
 */
export const SHARE_FORMAT = 1;
export const MIN_SHARES = 2;
export const MAX_SHARES = 9;

export interface BackupHeader {
  /** 16 hex digits in groups of 4 ("7F3A-92C1-0B4D-E816"), random per backup. */
  backupId: string;
  /** The ceremony that made the backup (transcript ceremony id), when known. */
  ceremonyId?: string;
  /** The KMS key the material belongs to: key ARN or alias (as the officers named it). */
  key: string;
  keySpec: KeySpec;
  /** The backed-up material's check value (crypto/check-values.ts): kind and upper-case hex. */
  checkValue: { kind: CheckValue['kind']; value: string };
  /** M: shares needed to rebuild. */
  threshold: number;
  /** N: shares made. */
  total: number;
  /** Length of each share in bytes (material length + 1). */
  shareBytes: number;
}

export interface ShareHeader extends BackupHeader {
  /** i: 1-based position of this share among the N (our numbering; the x coordinate is inside `bytes`). */
  index: number;
}

export interface Share {
  header: ShareHeader;
  bytes: Secret;
}

/** "share 2 of 5", as every message names a share. */
export function shareLabel(header: Pick<ShareHeader, 'index' | 'total'>): string {
  return `share ${header.index} of ${header.total}`;
}

/** The header fields in a fixed order, one string: what the sheet's checksum and the age file bind to. */
export function canonicalHeader(h: ShareHeader): string {
  return [
    `format ${SHARE_FORMAT}`,
    h.backupId,
    h.ceremonyId ?? '',
    h.key,
    h.keySpec,
    `${h.checkValue.kind} ${h.checkValue.value}`,
    `${h.index}/${h.total}/${h.threshold}`,
    String(h.shareBytes),
  ].join('\n');
}

/**
 * The sheet's closing checksum: the first 4 bytes of SHA-256(canonical header, LF, share bytes) as
 * "XXXX-XXXX". It catches a header typo, lines from two sheets mixed, or a share pasted under another header.
 */
export function documentChecksum(share: Share): string {
  const hash = createHash('sha256').update(canonicalHeader(share.header)).update('\n');
  share.bytes.use((b) => hash.update(b));
  const hex = hash.digest('hex').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

/** SHA-256 of the share bytes, hex (what the transcript records instead of the share). */
export function shareSha256(share: Share): string {
  return share.bytes.use((b) => createHash('sha256').update(b).digest('hex'));
}

/** "backup-7F3A-92C1-0B4D-E816-share-2-of-3-carol-custodian": the file name (without extension) of a share. */
export function shareFileBase(backupId: string, index: number, total: number, custodian: string): string {
  const slug =
    custodian
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'custodian';
  return `backup-${backupId}-share-${index}-of-${total}-${slug}`;
}
