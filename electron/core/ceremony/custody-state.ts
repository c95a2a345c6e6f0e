/**
 * What the ceremony holds while custodians take part (issue 11): the components or shares entered so far
 * (secret: only in main, in wiped Secrets) and the backups made in this ceremony (public: ids, check
 * values, who holds which share). `describeCustody` is the renderer's view of it: names, counts and check
 * values only, never a component or share.
 */
import type { AcceptedComponent, CustodianName, Share } from '../custody';
import type { KeySpec } from '../crypto';
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
  entry: ComponentEntry | ShareEntry | null;
  backups: BackupMade[];
}

export const newCustodyState = (): CustodyState => ({ entry: null, backups: [] });

/** Wipes every component or share entered and forgets the entry. */
export function clearCustodyEntry(c: CustodyState): void {
  const entry = c.entry;
  c.entry = null;
  if (entry?.kind === 'components') for (const a of entry.accepted) a.component.wipe();
  if (entry?.kind === 'shares') for (const { share } of entry.shares) share.bytes.wipe();
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
