import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors';
import { acquireLock } from './data-dir-lock';
import { JournalWriter, readJournal, writeJournal } from './journal';
import { ListIndex } from './list-index';
import { loadOrCreateMasterKey, Sealer } from './master-key';
import type { AliasRecord, KeyRecord } from './records';

/**
 * The emulator's state: keys and aliases per Region, in memory, with every change journaled (fsync) before
 * the request that made it is answered. Operations never mutate stored records in place: they change a
 * clone and `commit` it, so a failed operation changes nothing.
 */
type Entry =
  | { t: 'key'; key: KeyRecord }
  | { t: 'delKey'; region: string; keyId: string }
  | { t: 'alias'; alias: AliasRecord }
  | { t: 'delAlias'; region: string; aliasName: string };

export type Change = Entry;

const COMPACT_AFTER_BYTES = 16 * 1024 * 1024;

const keyRef = (region: string, keyId: string) => `${region}/${keyId}`;

export class KmsStore {
  readonly keys = new Map<string, KeyRecord>();
  readonly aliases = new Map<string, AliasRecord>();
  /** Creation-order keys and sorted aliases per Region, for List* pages (list-index.ts). */
  readonly listIndex = new ListIndex();
  readonly materialSealer: Sealer;
  readonly tokenSealer: Sealer;
  readonly idSealer: Sealer;
  private readonly journal: JournalWriter;
  private readonly release: () => void;

  private constructor(dataDir: string) {
    const journalPath = join(dataDir, 'kms-state.journal');
    this.release = acquireLock(join(dataDir, 'emulator.lock'));
    try {
      const exists = existsSync(journalPath);
      const master = loadOrCreateMasterKey(join(dataDir, 'master.key'), exists);
      try {
        this.materialSealer = new Sealer(master, 'material');
        this.tokenSealer = new Sealer(master, 'import-token');
        this.idSealer = new Sealer(master, 'key-material-id');
      } finally {
        master.fill(0);
      }
      if (exists) {
        for (const entry of readJournal(journalPath)) this.apply(entry as Entry, journalPath);
        // Compact on every start: drops superseded entries and any torn (unacknowledged) tail.
        writeJournal(journalPath, this.snapshot());
      }
      this.journal = new JournalWriter(journalPath);
    } catch (error) {
      this.release();
      throw error;
    }
  }

  static open(dataDir: string): KmsStore {
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new AppError(
        'EMULATOR_STORE_UNREADABLE',
        `The emulator data directory ${dataDir} cannot be created: ${(error as Error).message}.`,
        'Choose a writable --data-dir.',
      );
    }
    return new KmsStore(dataDir);
  }

  private apply(entry: Entry, source: string): void {
    switch (entry?.t) {
      case 'key':
        this.keys.set(keyRef(entry.key.region, entry.key.keyId), entry.key);
        this.listIndex.putKey(entry.key);
        return;
      case 'delKey':
        this.keys.delete(keyRef(entry.region, entry.keyId));
        this.listIndex.deleteKey(entry.region, entry.keyId);
        return;
      case 'alias': {
        const ref = keyRef(entry.alias.region, entry.alias.aliasName);
        this.listIndex.putAlias(entry.alias, this.aliases.get(ref));
        this.aliases.set(ref, entry.alias);
        return;
      }
      case 'delAlias': {
        const previous = this.aliases.get(keyRef(entry.region, entry.aliasName));
        if (previous) this.listIndex.deleteAlias(previous);
        this.aliases.delete(keyRef(entry.region, entry.aliasName));
        return;
      }
      default:
        throw new AppError(
          'EMULATOR_STORE_CORRUPT',
          `The emulator store ${source} holds an entry of unknown kind.`,
          'Restore the data directory from a backup, or start with a new --data-dir.',
        );
    }
  }

  private snapshot(): Entry[] {
    return [
      ...[...this.keys.values()].map((key): Entry => ({ t: 'key', key })),
      ...[...this.aliases.values()].map((alias): Entry => ({ t: 'alias', alias })),
    ];
  }

  getKey(region: string, keyId: string): KeyRecord | undefined {
    return this.keys.get(keyRef(region, keyId));
  }

  getAlias(region: string, aliasName: string): AliasRecord | undefined {
    return this.aliases.get(keyRef(region, aliasName));
  }

  keysIn(region: string): KeyRecord[] {
    return [...this.keys.values()].filter((k) => k.region === region);
  }

  aliasesIn(region: string): AliasRecord[] {
    return [...this.aliases.values()].filter((a) => a.region === region);
  }

  /** Journals the changes (one fsync'd write), then applies them in memory: all or nothing. */
  commit(...changes: Change[]): void {
    if (changes.length === 0) return;
    this.journal.append(changes);
    for (const change of changes) this.apply(structuredClone(change), 'memory');
    // Long-running emulators (the app's) would otherwise grow the journal with every superseded record.
    if (this.journal.appended > COMPACT_AFTER_BYTES) this.journal.rewrite(this.snapshot());
  }

  close(): void {
    this.journal.close();
    this.materialSealer.wipe();
    this.tokenSealer.wipe();
    this.idSealer.wipe();
    this.release();
  }
}

export const putKey = (key: KeyRecord): Change => ({ t: 'key', key });
export const putAlias = (alias: AliasRecord): Change => ({ t: 'alias', alias });
export const deleteKey = (region: string, keyId: string): Change => ({ t: 'delKey', region, keyId });
export const deleteAlias = (region: string, aliasName: string): Change => ({
  t: 'delAlias',
  region,
  aliasName,
});
