/**
 * The wrapping-key pool's spare pairs, kept in the data directory (`wrapping-pool/`) so an emulator that
 * starts again on it — the app's, each time it opens; a restarted `kms-ceremony emulator` — answers its first
 * GetParametersForImport from the pool instead of waiting for RSA key generation (RSA_4096: 0.3–3 s).
 *
 * Each spare is one file, `<16 hex>.sealed` (0600): the PKCS #8 private key sealed with AES-256-GCM under the
 * master key's `wrapping-pool` subkey (as key material is), the file name as associated data. A spare is
 * used once (spec §1.3: every GetParametersForImport gets a fresh pair): `claim` deletes its file, and makes
 * the deletion durable, before the pair is handed out, so no later start brings it back, after a crash or
 * a power loss included (a restored backup of the whole folder would). A spare that cannot be read, opened
 * or parsed is deleted and only means one more generation; files of any other name are left alone. Writes
 * are not fsync'd: a spare lost to a crash costs a generation, never correctness.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { SpareStore, WrappingPair } from '../wrapping-pool';
import { fsyncDir } from './journal';
import type { Sealer } from './master-key';

const SUFFIX = '.sealed';
const NAME = /^[0-9a-f]{16}\.sealed$/;
/** Ours: spares and the temporary files of a write cut short. */
const OURS = /^[0-9a-f]{16}\.sealed(\.tmp)?$/;

export class PoolSpares implements SpareStore {
  constructor(
    /** `<data dir>/wrapping-pool`, created on the first save. */
    private readonly dir: string,
    private readonly sealer: Sealer,
  ) {}

  /**
   * The spares on disk, as `{ id, pair }`, at most `limit` per RSA modulus length; the rest of our files,
   * and any that does not open, are deleted (where they can be).
   * Never throws: at worst there are no spares.
   */
  load(limit: number): { id: string; pair: WrappingPair }[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).sort();
    } catch {
      return [];
    }
    const kept = new Map<number, number>();
    const spares: { id: string; pair: WrappingPair }[] = [];
    for (const name of names.filter((n) => OURS.test(n))) {
      const file = join(this.dir, name);
      const spare = NAME.test(name) ? this.open(file, name) : null;
      const bits = spare?.privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
      if (!spare || (kept.get(bits) ?? 0) >= limit) {
        try {
          unlinkSync(file);
        } catch {
          // A read-only folder, a file held open (Windows), a folder of that name: left as it is.
        }
        continue;
      }
      kept.set(bits, (kept.get(bits) ?? 0) + 1);
      spares.push({ id: name.slice(0, -SUFFIX.length), pair: spare });
    }
    return spares;
  }

  /** Writes a spare; returns its id, or null when it could not be written (it then lives in memory only). */
  save(pair: WrappingPair): string | null {
    const id = randomBytes(8).toString('hex');
    const name = `${id}${SUFFIX}`;
    const der = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const tmp = join(this.dir, `${name}.tmp`);
      writeFileSync(tmp, this.sealer.seal(der, `wrapping-pool/${name}`), { mode: 0o600 });
      renameSync(tmp, join(this.dir, name));
      return id;
    } catch {
      return null;
    } finally {
      der.fill(0);
    }
  }

  /**
   * Deletes spare `id` for good (the folder fsync'd after, on POSIX); true when it is gone (also when it
   * already was), false when that could not be made sure of — then the pair must not be handed out.
   */
  claim(id: string): boolean {
    try {
      unlinkSync(join(this.dir, `${id}${SUFFIX}`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    }
    if (process.platform === 'win32') return true;
    try {
      fsyncDir(this.dir);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT'; // no folder: nothing to come back
    }
  }

  private open(file: string, name: string): WrappingPair | null {
    let der: Buffer | null = null;
    try {
      der = this.sealer.open(readFileSync(file), `wrapping-pool/${name}`);
      if (!der) return null;
      const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      if (privateKey.asymmetricKeyType !== 'rsa') return null;
      const publicKeyDer = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
      return { privateKey, publicKeyDer };
    } catch {
      return null;
    } finally {
      der?.fill(0);
    }
  }
}
