/**
 * Step Material, M-of-N backup with passphrase shares in the app (issue 11; age scrypt recipients): the
 * officers name the custodians and their forms in the wizard; a custodian who chose "age file to a
 * passphrase" types it, twice, in the custody entry window — never in the wizard. Main checks the backup as
 * asked for at once (as `makeBackup` would), then holds each passphrase in a wiped Secret until every one
 * is set and the officers write the backup; then (and on cancel or replacement) they are wiped. The
 * transcript records that a custodian set a passphrase, never the passphrase.
 */
import { checkPassphraseStrength, custodianName } from '../../custody';
import { secretFromTyped, type Secret } from '../../crypto';
import { AppError } from '../../errors';
import {
  clearCustodyEntry,
  passphraseCustodians,
  type BackupMade,
  type PassphraseEntry,
} from '../custody-state';
import { runStep, type CeremonyState } from '../state';
import { checkBackupRequest, makeBackup, type PlannedShareRequest, type ShareRequest } from './backup';
import type { SheetPrinting } from './print-sheets';

/**
 * Opens a backup that waits for the custodians' passphrases, after every check `makeBackup` makes before
 * splitting (policy, material held, shape, distinct custodians, age1… recipients). Replaces (and wipes) any
 * open component, share or passphrase entry. `scryptWorkFactor`: log2 N for the passphrase shares (default
 * 18, age's own). Errors: those of `checkBackupRequest`, NO_PASSPHRASE_SHARE.
 */
export async function beginBackup(
  s: CeremonyState,
  req: { threshold: number; shares: PlannedShareRequest[]; scryptWorkFactor?: number },
): Promise<void> {
  const { key, material, names } = await checkBackupRequest(s, req);
  if (!req.shares.some((r) => r.form === 'age-passphrase')) {
    throw new AppError(
      'NO_PASSPHRASE_SHARE',
      'No custodian in this backup chose an age file to a passphrase, so there is nothing to wait for.',
      'Make the backup directly, or choose “age file to a passphrase” for a custodian.',
    );
  }
  await runStep(
    s,
    'material.backup-begun',
    {
      keySpec: key.keySpec,
      checkValue: material.info.checkValue.value,
      threshold: req.threshold,
      total: req.shares.length,
      shares: req.shares.map((r, i) => `share ${i + 1} → ${names[i]!.display} (${r.form})`),
    },
    () => {
      clearCustodyEntry(s.custody);
      s.custody.entry = {
        kind: 'passphrases',
        keyId: key.keyId,
        keySpec: key.keySpec,
        materialCheckValue: material.info.checkValue.value,
        threshold: req.threshold,
        shares: req.shares.map((r, i) => {
          const custodian = names[i]!;
          if (r.form === 'age-x25519') return { custodian, form: r.form, recipient: r.recipient.trim() };
          if (r.form === 'printed-sheet') return { custodian, form: r.form, saveFile: r.saveFile === true };
          return { custodian, form: r.form };
        }),
        passphrases: new Map(),
        ...(req.scryptWorkFactor ? { scryptWorkFactor: req.scryptWorkFactor } : {}),
      };
    },
  );
}

function requirePassphraseEntry(s: CeremonyState): PassphraseEntry {
  const entry = s.custody.entry;
  if (entry?.kind !== 'passphrases' || entry.keyId !== s.key?.keyId) {
    throw new AppError(
      'NO_PASSPHRASE_ENTRY',
      'No backup is waiting for a custodian’s passphrase.',
      'In step Material, choose “age file to a passphrase” for the custodian and press “Make backup…” first.',
    );
  }
  return entry;
}

/**
 * Sets one custodian's passphrase for their share: typed twice (`passphrase`, `confirm`), compared here,
 * at least MIN_PASSPHRASE bytes. Refused (both wiped, nothing held) for a custodian not named in the
 * backup, one who receives their share in another form, one whose passphrase is already set, two
 * different typings, or a weak passphrase — each naming the custodian. Returns their share number and how
 * many passphrases are set; never the passphrase. Errors: NO_PASSPHRASE_ENTRY, NOT_A_CUSTODIAN,
 * PASSPHRASE_NOT_AWAITED, PASSPHRASE_ALREADY_SET, PASSPHRASE_MISMATCH, WEAK_PASSPHRASE.
 */
export async function submitBackupPassphrase(
  s: CeremonyState,
  req: { custodian: string; passphrase: string | Secret; confirm: string | Secret },
): Promise<{ custodian: string; share: string; set: number; total: number }> {
  const given = [req.passphrase, req.confirm].map((p) => (typeof p === 'string' ? secretFromTyped(p) : p));
  const [passphrase, confirm] = given as [Secret, Secret];
  let kept = false;
  try {
    const entry = requirePassphraseEntry(s);
    const name = custodianName(req.custodian);
    const index = entry.shares.findIndex((sh) => sh.custodian.key === name.key);
    const planned = entry.shares[index];
    const awaited = passphraseCustodians(entry);
    if (!planned) {
      throw new AppError(
        'NOT_A_CUSTODIAN',
        `“${name.display}” is not named in this backup (its custodians: ${entry.shares.map((sh) => sh.custodian.display).join(', ')}).`,
        `Passphrases are awaited from ${awaited.map((a) => a.custodian.display).join(', ')}; each types their own in the entry window.`,
      );
    }
    const who = planned.custodian.display;
    const share = `${index + 1} of ${entry.shares.length}`;
    return await runStep(s, 'material.backup-passphrase-set', { custodian: who, share }, () => {
      if (planned.form !== 'age-passphrase') {
        throw new AppError(
          'PASSPHRASE_NOT_AWAITED',
          `${who} receives share ${share} as ${planned.form === 'printed-sheet' ? 'a printed sheet' : 'an age file to their public key'}; no passphrase is awaited from them.`,
          `To protect ${who}’s share with a passphrase, cancel the backup and choose “age file to a passphrase” for them.`,
        );
      }
      if (entry.passphrases.has(planned.custodian.key)) {
        throw new AppError(
          'PASSPHRASE_ALREADY_SET',
          `${who} has already set the passphrase for share ${share}.`,
          `The next custodian sets theirs; to change ${who}’s, cancel the backup and start it again.`,
        );
      }
      if (!passphrase.equals(confirm)) {
        throw new AppError(
          'PASSPHRASE_MISMATCH',
          `The two passphrases typed for ${who} differ; nothing was kept.`,
          `${who} types the same passphrase in both fields of the entry window.`,
        );
      }
      checkPassphraseStrength(passphrase, who);
      entry.passphrases.set(planned.custodian.key, passphrase);
      kept = true;
      return { custodian: who, share, set: entry.passphrases.size, total: awaited.length };
    });
  } finally {
    confirm.wipe();
    if (!kept) passphrase.wipe();
  }
}

/**
 * Refuses unless a passphrase backup is open for this key, every passphrase is set and the material held
 * is the one the backup was asked for. Called before main asks for the folder, and again when writing.
 * Errors: NO_PASSPHRASE_ENTRY, PASSPHRASES_MISSING, MATERIAL_CHANGED.
 */
export function requireReadyPassphraseEntry(s: CeremonyState): PassphraseEntry {
  const entry = requirePassphraseEntry(s);
  const missing = passphraseCustodians(entry).filter((a) => !entry.passphrases.has(a.custodian.key));
  if (missing.length > 0) {
    const names = missing.map((a) => a.custodian.display).join(', ');
    throw new AppError(
      'PASSPHRASES_MISSING',
      `${names} ${missing.length > 1 ? 'have' : 'has'} not set a passphrase yet; nothing was written.`,
      `${names} ${missing.length > 1 ? 'type theirs' : 'types theirs'} in the custodian entry window (twice), then make the backup.`,
    );
  }
  const held = s.material?.info.checkValue.value ?? null;
  if (held !== entry.materialCheckValue) {
    throw new AppError(
      'MATERIAL_CHANGED',
      `The backup was asked for the material with check value ${entry.materialCheckValue}, but ${held ? `the material held now has check value ${held}` : 'no material is held now'}; nothing was written.`,
      'Cancel this backup and make it again for the material in force.',
    );
  }
  return entry;
}

/**
 * Writes the backup once every passphrase is set (see `makeBackup`: one file per custodian in `folder`,
 * 0600, all or none, recorded), then wipes the passphrases and closes the entry. On a refusal or a failed
 * write the passphrases stay held, so the officers can choose another folder or cancel.
 */
export async function completeBackup(
  s: CeremonyState,
  folder: string | null,
  printing?: SheetPrinting,
): Promise<BackupMade> {
  const entry = requireReadyPassphraseEntry(s);
  const shares: ShareRequest[] = entry.shares.map((sh) => {
    const custodian = sh.custodian.display;
    if (sh.form === 'age-passphrase')
      return { custodian, form: sh.form, passphrase: entry.passphrases.get(sh.custodian.key)! };
    if (sh.form === 'age-x25519') return { custodian, form: sh.form, recipient: sh.recipient };
    if (sh.form === 'printed-sheet') return { custodian, form: sh.form, saveFile: sh.saveFile === true };
    return { custodian, form: sh.form };
  });
  const made = await makeBackup(
    s,
    {
      threshold: entry.threshold,
      shares,
      ...(entry.scryptWorkFactor ? { scryptWorkFactor: entry.scryptWorkFactor } : {}),
    },
    folder,
    printing,
  );
  // Unless the entry was cancelled or replaced (and so already wiped) while the files were written.
  if (s.custody.entry === entry) clearCustodyEntry(s.custody);
  return made;
}
