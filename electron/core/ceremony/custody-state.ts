/**
 * What the ceremony holds while custodians take part (issue 11): the components or shares entered so far
 * (secret: only in main, in wiped Secrets) and the backups made in this ceremony (public: ids, check
 * values, who holds which share). `describeCustody` is the renderer's view of it: names, counts and check
 * values only, never a component or share.
 */
import type { AcceptedComponent, CustodianName, Share } from '../custody';
import type { KeySpec, Secret } from '../crypto';
import type { CustodyStatus } from '../../shared/ipc-contract';

export interface ComponentEntry {
  kind: 'components';
  keyId: string;
  keySpec: KeySpec;
  /** The custodians named when entry began, in the order they enter. */
  custodians: CustodianName[];
  accepted: AcceptedComponent[];
  /** The officers confirmed replacing material already held (policy guard replace-material). */
  replace: boolean;
}

export interface ShareEntry {
  kind: 'shares';
  keyId: string;
  keySpec: KeySpec;
  /** The check value on the key's record (typed by the officers), when given: the rebuilt material must match. */
  expectedCheckValue: string | null;
  shares: { custodian: string; share: Share }[];
  replace: boolean;
}

/** One share of a backup asked for in the app, its custodian's name already checked; no passphrase in it. */
export type PlannedShare = { custodian: CustodianName } & (
  | { form: 'age-x25519'; recipient: string }
  | { form: 'age-passphrase' }
  | { form: 'printed-sheet'; saveFile?: boolean }
  | { form: 'sheet-file' }
);

/**
 * A backup the officers asked for that waits for passphrases (issue 11): each custodian who chose "age file
 * to a passphrase" types theirs in the entry window; main holds it in a wiped Secret until the backup is
 * written (then wipes it). Bound to the key and to the material held when it was asked for.
 */
export interface PassphraseEntry {
  kind: 'passphrases';
  keyId: string;
  keySpec: KeySpec;
  materialCheckValue: string;
  threshold: number;
  shares: PlannedShare[];
  /** By custodian key (custodian-names.ts). */
  passphrases: Map<string, Secret>;
  scryptWorkFactor?: number;
}

export interface BackupMade {
  backupId: string;
  keyArn: string;
  checkValue: string;
  threshold: number;
  total: number;
  /** `file`: the share's file name in the folder chosen, or null for a sheet printed and not saved. */
  shares: { index: number; custodian: string; form: string; shareSha256: string; file: string | null }[];
}

export interface CustodyState {
  entry: ComponentEntry | ShareEntry | PassphraseEntry | null;
  backups: BackupMade[];
}

export const newCustodyState = (): CustodyState => ({ entry: null, backups: [] });

/** Wipes every component, share or passphrase entered and forgets the entry. */
export function clearCustodyEntry(c: CustodyState): void {
  const entry = c.entry;
  c.entry = null;
  if (entry?.kind === 'components') for (const a of entry.accepted) a.component.wipe();
  if (entry?.kind === 'shares') for (const { share } of entry.shares) share.bytes.wipe();
  if (entry?.kind === 'passphrases') for (const p of entry.passphrases.values()) p.wipe();
}

/** The custodians a passphrase backup waits for, with their share numbers, in share order. */
export function passphraseCustodians(e: PassphraseEntry): { custodian: CustodianName; index: number }[] {
  return e.shares.flatMap((sh, i) =>
    sh.form === 'age-passphrase' ? [{ custodian: sh.custodian, index: i + 1 }] : [],
  );
}

/** The renderer's view: who entered what (check values and share numbers), who is next; never the bytes. */
export function describeCustody(c: CustodyState): CustodyStatus {
  const e = c.entry;
  return {
    entry:
      e === null
        ? null
        : e.kind === 'components'
          ? {
              kind: 'components',
              keySpec: e.keySpec,
              custodians: e.custodians.map((n) => n.display),
              entered: e.accepted.map((a) => ({
                custodian: a.custodian.display,
                checkValue: a.checkValue,
                share: null,
              })),
              next: e.custodians[e.accepted.length]?.display ?? null,
              threshold: null,
              backupId: null,
              ready: e.accepted.length === e.custodians.length,
            }
          : e.kind === 'passphrases'
            ? describePassphrases(e)
            : {
                kind: 'shares',
                keySpec: e.keySpec,
                custodians: e.shares.map((x) => x.custodian),
                entered: e.shares.map(({ custodian, share }) => ({
                  custodian,
                  checkValue: share.header.checkValue.value,
                  share: `${share.header.index} of ${share.header.total}`,
                })),
                next: null,
                threshold: e.shares[0]?.share.header.threshold ?? null,
                backupId: e.shares[0]?.share.header.backupId ?? null,
                ready: e.shares.length > 0 && e.shares.length >= e.shares[0]!.share.header.threshold,
              },
    backups: c.backups.map(({ backupId, keyArn, checkValue, threshold, total, shares }) => ({
      backupId,
      keyArn,
      checkValue,
      threshold,
      total,
      shares: shares.map(({ index, custodian, form, shareSha256, file }) => ({
        index,
        custodian,
        form,
        shareSha256,
        file,
      })),
    })),
  };
}

function describePassphrases(e: PassphraseEntry): NonNullable<CustodyStatus['entry']> {
  const awaited = passphraseCustodians(e);
  const set = awaited.filter((a) => e.passphrases.has(a.custodian.key));
  return {
    kind: 'passphrases',
    keySpec: e.keySpec,
    custodians: awaited.map((a) => a.custodian.display),
    entered: set.map((a) => ({
      custodian: a.custodian.display,
      checkValue: null,
      share: `${a.index} of ${e.shares.length}`,
    })),
    next: awaited.find((a) => !e.passphrases.has(a.custodian.key))?.custodian.display ?? null,
    threshold: e.threshold,
    backupId: null,
    ready: set.length === awaited.length,
  };
}
