/**
 * Step Material, M-of-N backup (issue 11): the material held is split into N shares (Shamir, by the
 * `shamir-secret-sharing` package, see custody/backup.ts), each for one named custodian as an age file (to
 * their age1… public key or their passphrase) or a share sheet (PDF). In the app a sheet is printed, never
 * saved unless the officers chose "save as a file too" for that custodian; a script cannot print, so its
 * sheets are saved. Order: check everything, split, print the sheets one by one until each custodian holds
 * theirs (steps/print-sheets.ts), then write the files into the chosen folder (0600, all or none), then
 * record. A print cancelled, failed or not received, or a failed write, ends the backup with nothing
 * recorded as made. The transcript records who received which share, in which form, and each share's
 * SHA-256 — never a share; the shares and rendered sheets are wiped in the end.
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
import { backupAbandoned, printSheets, type PrintedCopies, type SheetPrinting } from './print-sheets';

/** A share as asked for, before any passphrase is given: what `checkBackupRequest` looks at. */
export type PlannedShareRequest = { custodian: string } & (
  | { form: 'age-x25519'; recipient: string }
  | { form: 'age-passphrase' }
  | { form: 'printed-sheet'; saveFile?: boolean }
  | { form: 'sheet-file' }
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
  /** Printed (the app's printer); `saveFile`: the officers chose to save the sheet as a PDF file too. */
  | { form: 'printed-sheet'; saveFile?: boolean }
  /** A sheet saved as a PDF file, not printed here (a script: it cannot print interactively). */
  | { form: 'sheet-file' }
);

/** Whether a share is written into the folder: age files and saved sheets. */
export const writesFile = (r: { form: string; saveFile?: boolean }) =>
  r.form !== 'printed-sheet' || r.saveFile === true;

export interface BackupRequest {
  threshold: number;
  shares: ShareRequest[];
  /** age scrypt work factor (log2 N) for passphrase shares; default 18 (age's own). */
  scryptWorkFactor?: number;
}

/**
 * Splits the material held into `shares.length` shares, any `threshold` of which rebuild it; prints the
 * sheets through `printing` (each until its custodian holds it), then writes the files into `folder` (never
 * overwriting; all or none; null when no share is a file) and records the backup. Everything is checked
 * before anything is split, printed or written: the shape (2 ≤ M ≤ N ≤ 9), distinct custodians who are not
 * the operator, every age1… recipient, a folder for files and a printer for sheets. Errors: the policy's
 * codes, NO_MATERIAL, BACKUP_SHAPE, DUPLICATE_CUSTODIAN, CUSTODIAN_ROLE_CLASH, BAD_RECIPIENT,
 * WEAK_PASSPHRASE, NO_PRINTER, NO_FOLDER, BACKUP_ABANDONED (a sheet not printed or not received, or the files not
 * written after sheets were printed: names the sheets to destroy), FILE_EXISTS and WRITE_FAILED (before any
 * sheet was printed).
 */
export async function makeBackup(
  s: CeremonyState,
  req: BackupRequest,
  folder: string | null,
  printing?: SheetPrinting,
): Promise<BackupMade> {
  const { key, material, names } = await checkBackupRequest(s, req);
  if (!printing && req.shares.some((r) => r.form === 'printed-sheet'))
    throw new AppError(
      'NO_PRINTER',
      'This station has no printer for share sheets here.',
      'Give those custodians an age file, or make the backup in the app, which prints each sheet.',
    );
  if (folder === null && req.shares.some(writesFile))
    throw new AppError(
      'NO_FOLDER',
      'Some shares are files (age files or saved sheets), but no folder was chosen for them.',
      'Choose the folder for the share files.',
    );
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
      form: r.form === 'printed-sheet' && r.saveFile ? 'sheet-file' : r.form,
      ...(r.form === 'age-x25519' ? { recipient: r.recipient.trim() } : {}),
      ...(r.form === 'printed-sheet' ? { printed: true } : {}),
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
        // One creation time, so a sheet saved as a file is the sheet that was printed.
        const createdAt = new Date();
        const sheet = (i: number) =>
          renderShareSheetPdf(shares[i]!, { custodian: deliveries[i]!.custodian, createdAt });
        const files: [string, Buffer][] = [];
        try {
          // The files first (in memory): an age error (a weak passphrase) comes before any sheet is printed.
          const named: (string | null)[] = [];
          for (const [i, r] of req.shares.entries()) {
            if (!writesFile(r)) {
              named.push(null);
              continue;
            }
            const d = deliveries[i]!;
            const isSheet = r.form !== 'age-x25519' && r.form !== 'age-passphrase';
            const data = isSheet
              ? await sheet(i)
              : await encryptShare(
                  shares[i]!,
                  d.form === 'age-x25519'
                    ? { recipient: d.recipient! }
                    : { passphrase: passphrases[i]!, workFactor: req.scryptWorkFactor },
                  d.custodian,
                );
            const name = `${shareFileBase(header.backupId, d.index, shares.length, d.custodian)}.${isSheet ? 'pdf' : 'age'}`;
            files.push([name, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
            named.push(name);
          }
          const copies = printing
            ? await printSheets(
                deliveries.flatMap((d, i) =>
                  d.printed
                    ? [
                        {
                          label: `share ${d.index} of ${shares.length}`,
                          custodian: d.custodian,
                          checkValue: `${header.checkValue.kind} ${header.checkValue.value}`,
                          render: () => sheet(i),
                        },
                      ]
                    : [],
                ),
                printing,
              )
            : new Map();
          const record = backupRecordDetails(header, shares, deliveries);
          await writeFiles(folder, files, copies);
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
              file: named[i] ?? null,
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
        shares: record.shares.map((r, i) => {
          const file = made.shares[i]!.file;
          return file ? { ...r, file } : r;
        }),
      }),
    ).then(({ made }) => made);
  } finally {
    // Only what this step made from typed text; a script's Secret is wiped by the script.
    req.shares.forEach((r, i) => {
      if (r.form === 'age-passphrase' && typeof r.passphrase === 'string') passphrases[i]?.wipe();
    });
  }
}

/** All the files or none; after sheets were printed, a failed write abandons the backup and names them. */
async function writeFiles(folder: string | null, files: [string, Buffer][], copies: PrintedCopies) {
  if (files.length === 0) return;
  try {
    await writeAllOrNone(folder!, files);
  } catch (error) {
    if (copies.size === 0 || !(error instanceof AppError)) throw error;
    throw backupAbandoned(`the share files could not be written (${error.message})`, copies);
  }
}
