import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../errors';
import { acquireLock } from './data-dir-lock';
import { JournalWriter, readJournal, writeJournal } from './journal';
import { ListIndex } from './list-index';
import { masterKeyCheckValue, newMasterKey, readMasterKey, Sealer, writeMasterKey } from './master-key';
import { PoolSpares } from './pool-spares';
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
  /** The wrapping-key pool's spare pairs (pool-spares.ts), sealed under their own subkey. */
  readonly poolSpares: PoolSpares;
  private readonly poolSealer: Sealer;
  private readonly journal: JournalWriter;
  private readonly release: () => void;

  private constructor(dataDir: string) {
    const journalPath = join(dataDir, 'kms-state.journal');
    const keyPath = join(dataDir, 'master.key');
    this.release = acquireLock(join(dataDir, 'emulator.lock'));
    let master: Buffer | null = null;
    try {
      // Every check runs before anything is written: a damaged store is left byte for byte as it was.
      const opened = openMasterKeyAndJournal(journalPath, keyPath);
      master = opened.master;
      this.materialSealer = new Sealer(master, 'material');
      this.tokenSealer = new Sealer(master, 'import-token');
      this.idSealer = new Sealer(master, 'key-material-id');
      this.poolSealer = new Sealer(master, 'wrapping-pool');
      this.poolSpares = new PoolSpares(join(dataDir, 'wrapping-pool'), this.poolSealer);
      for (const entry of opened.entries) this.apply(entry as Entry, journalPath);
      const check = masterKeyCheckValue(master);
      if (opened.fresh) {
        // Journal first: a start cut short here leaves a journal with no entries, which the next start
        // completes; a master key without its journal is never a state this writes.
        writeJournal(journalPath, [], check);
        writeMasterKey(keyPath, master);
      } else {
        // Compact on every start: drops superseded entries (and records the key's check value).
        writeJournal(journalPath, this.snapshot(), check);
        if (opened.legacyKey) writeMasterKey(keyPath, master, true);
      }
      this.journal = new JournalWriter(journalPath, check);
    } catch (error) {
      this.release();
      throw error;
    } finally {
      master?.fill(0);
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
    this.poolSealer.wipe();
    this.release();
  }
}

const RESTORE =
  'Nothing was changed. Restore the data directory from a backup, or start with a new --data-dir.';

/**
 * Reads and cross-checks the store's two files without writing: the journal (every record checksummed), the
 * master key (its check value) and the key's check value recorded in the journal header. `fresh`: neither
 * exists yet, or a first start was cut short before any entry (a journal with no entries and no key).
 */
function openMasterKeyAndJournal(journalPath: string, keyPath: string) {
  const hasJournal = existsSync(journalPath);
  const hasKey = existsSync(keyPath);
  if (!hasJournal && hasKey) {
    throw new AppError(
      'EMULATOR_STORE_CORRUPT',
      `The emulator journal ${journalPath} is missing beside its master key ${keyPath}: the store's keys and aliases are gone (deleted or moved).`,
      `${RESTORE} Starting empty here would silently forget every key this store held.`,
    );
  }
  const journal = hasJournal ? readJournal(journalPath) : null;
  if (!hasKey) {
    if (journal && journal.entries.length > 0) {
      throw new AppError(
        'EMULATOR_STORE_CORRUPT',
        `The emulator store exists but its master key ${keyPath} is missing, so the stored key material cannot be decrypted.`,
        'Restore master.key from a backup of this data directory, or start with a new --data-dir.',
      );
    }
    return { master: newMasterKey(), entries: [], fresh: true, legacyKey: false };
  }
  const { key, legacy } = readMasterKey(keyPath);
  const recorded = journal!.header.masterKeyCheck;
  if (recorded !== undefined && recorded !== masterKeyCheckValue(key)) {
    key.fill(0);
    throw new AppError(
      'EMULATOR_STORE_CORRUPT',
      `The emulator master key ${keyPath} is not the key of the journal ${journalPath} (its check value differs from the one the journal records).`,
      RESTORE,
    );
  }
  return { master: key, entries: journal!.entries, fresh: false, legacyKey: legacy };
}

export const putKey = (key: KeyRecord): Change => ({ t: 'key', key });
export const putAlias = (alias: AliasRecord): Change => ({ t: 'alias', alias });
export const deleteKey = (region: string, keyId: string): Change => ({ t: 'delKey', region, keyId });
export const deleteAlias = (region: string, aliasName: string): Change => ({
  t: 'delAlias',
  region,
  aliasName,
});
