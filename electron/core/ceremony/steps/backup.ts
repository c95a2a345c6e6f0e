/**
 * Step Material, M-of-N backup (issue 11): the material held is split into N shares (Shamir, by the
 * `shamir-secret-sharing` package, see custody/backup.ts), each for one named custodian as an age file (to
 * their age1… public key or their passphrase) or a printed share sheet (PDF). All files are written into
 * the folder the officers chose, 0600, all or none. The transcript records who received which share, in
 * which form, and each share's SHA-256 — never a share; the shares are wiped when the files are written.
 */
import {
  assertShape,
  backupRecordDetails,
  checkRecipient,
  distinctCustodians,
  encryptShare,
  renderShareSheetPdf,
  shareFileBase,
  splitMaterial,
  type ShareDelivery,
} from '../../custody';
import { secretFromTyped, type Secret } from '../../crypto';
import { AppError } from '../../errors';
import type { BackupMade } from '../custody-state';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import { requireKey, runStep, type CeremonyState } from '../state';
import { writeAllOrNone } from '../write-files';
import { custodianRoleClashes } from './components';

/** A share as asked for, before any passphrase is given: what `checkBackupRequest` looks at. */
export type PlannedShareRequest = { custodian: string } & (
  { form: 'age-x25519'; recipient: string } | { form: 'age-passphrase' } | { form: 'printed-sheet' }
);

/**
 * Everything a backup needs checked before anything is split or written: the policy, a key and material
 * held, the shape (2 ≤ M ≤ N ≤ 9), distinct custodians who are not the operator, every age1… recipient.
 * Returns the key, the material and the custodians' names (in share order). Errors: see `makeBackup`.
 */
export async function checkBackupRequest(
  s: CeremonyState,
  req: { threshold: number; shares: PlannedShareRequest[] },
) {
  enforce(policyFacts(s), 'material.backup');
  const key = requireKey(s);
  const material = s.material;
  if (!material)
    throw new AppError(
      'NO_MATERIAL',
      'There is no key material on this station to back up.',
      'Generate, load, combine or restore the key material first (step Material); then make the backup.',
    );
  assertShape(req.threshold, req.shares.length);
  const names = distinctCustodians(
    req.shares.map((r) => r.custodian),
    custodianRoleClashes(s),
  );
  for (const [i, r] of req.shares.entries())
    if (r.form === 'age-x25519') await checkRecipient(r.recipient, names[i]!.display);
  return { key, material, names };
}

/** One custodian's share and the form they chose. A passphrase (string typed, or a Secret read by a script) is wiped after use. */
export type ShareRequest = { custodian: string } & (
  | { form: 'age-x25519'; recipient: string }
  | { form: 'age-passphrase'; passphrase: string | Secret }
  | { form: 'printed-sheet' }
);

export interface BackupRequest {
  threshold: number;
  shares: ShareRequest[];
  /** age scrypt work factor (log2 N) for passphrase shares; default 18 (age's own). */
  scryptWorkFactor?: number;
}

/**
 * Splits the material held into `shares.length` shares, any `threshold` of which rebuild it, and writes one
 * file per custodian into `folder` (never overwriting; all or none). Everything is checked before anything
 * is split or written: the shape (2 ≤ M ≤ N ≤ 9), distinct custodians who are not the operator, every
 * age1… recipient. Errors: the policy's codes, NO_MATERIAL, BACKUP_SHAPE, DUPLICATE_CUSTODIAN,
 * CUSTODIAN_ROLE_CLASH, BAD_RECIPIENT, WEAK_PASSPHRASE, FILE_EXISTS.
 */
export async function makeBackup(s: CeremonyState, req: BackupRequest, folder: string): Promise<BackupMade> {
  const { key, material, names } = await checkBackupRequest(s, req);
  const passphrases = req.shares.map((r) =>
    r.form !== 'age-passphrase'
      ? null
      : typeof r.passphrase === 'string'
        ? secretFromTyped(r.passphrase)
        : r.passphrase,
  );
  try {
    const deliveries: ShareDelivery[] = req.shares.map((r, i) => ({
      index: i + 1,
      custodian: names[i]!.display,
      form: r.form,
      ...(r.form === 'age-x25519' ? { recipient: r.recipient.trim() } : {}),
    }));
    return await runStep(
      s,
      'material.backed-up',
      {
        keySpec: key.keySpec,
        checkValue: material.info.checkValue.value,
        threshold: req.threshold,
        total: req.shares.length,
        folder,
      },
      async () => {
        const { header, shares } = await splitMaterial({
          keySpec: key.keySpec,
          material: material.secret,
          key: key.arn,
          ceremonyId: s.log?.info().ceremonyId,
          threshold: req.threshold,
          total: req.shares.length,
        });
        const files: [string, Buffer][] = [];
        try {
          for (const [i, share] of shares.entries()) {
            const d = deliveries[i]!;
            const data =
              d.form === 'printed-sheet'
                ? await renderShareSheetPdf(share, { custodian: d.custodian })
                : await encryptShare(
                    share,
                    d.form === 'age-x25519'
                      ? { recipient: d.recipient! }
                      : { passphrase: passphrases[i]!, workFactor: req.scryptWorkFactor },
                    d.custodian,
                  );
            const name = `${shareFileBase(header.backupId, d.index, shares.length, d.custodian)}.${d.form === 'printed-sheet' ? 'pdf' : 'age'}`;
            files.push([name, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
          }
          const record = backupRecordDetails(header, shares, deliveries);
          await writeAllOrNone(folder, files);
          const made: BackupMade = {
            backupId: header.backupId,
            keyArn: key.arn,
            checkValue: `${header.checkValue.kind} ${header.checkValue.value}`,
            threshold: header.threshold,
            total: header.total,
            shares: record.shares.map((r, i) => ({
              index: r.index,
              custodian: r.custodian,
              form: r.form,
              shareSha256: r.shareSha256,
              file: files[i]![0],
            })),
          };
          s.custody.backups.push(made);
          return { made, record };
        } finally {
          for (const share of shares) share.bytes.wipe();
          for (const [, data] of files) data.fill(0);
        }
      },
      ({ made, record }) => ({
        backupId: record.backupId,
        key: record.key,
        shares: record.shares.map((r, i) => ({ ...r, file: made.shares[i]!.file })),
      }),
    ).then(({ made }) => made);
  } finally {
    // Only what this step made from typed text; a script's Secret is wiped by the script.
    req.shares.forEach((r, i) => {
      if (r.form === 'age-passphrase' && typeof r.passphrase === 'string') passphrases[i]?.wipe();
    });
  }
}
