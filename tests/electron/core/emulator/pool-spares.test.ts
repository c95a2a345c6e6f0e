import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sealer } from '../../../../electron/core/emulator/store/master-key';
import { PoolSpares } from '../../../../electron/core/emulator/store/pool-spares';

/** The wrapping-key pool's spares in the data directory: sealed, 0600, used once, bad files dropped. */
let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kms-spares-'));
  dir = join(root, 'wrapping-pool');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const sealer = (master = Buffer.alloc(32, 7)) => new Sealer(master, 'wrapping-pool');
function pair(bits = 2048) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return { privateKey, publicKeyDer: publicKey.export({ format: 'der', type: 'spki' }) };
}
const files = () => readdirSync(dir).sort();
const bitsOf = (s: { pair: { privateKey: KeyObject } }) =>
  s.pair.privateKey.asymmetricKeyDetails?.modulusLength;

describe('PoolSpares', () => {
  it('keeps a spare sealed in a 0600 file and gives the same pair back after a restart', () => {
    const p = pair();
    const id = new PoolSpares(dir, sealer()).save(p);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(files()).toEqual([`${id}.sealed`]);
    const file = join(dir, `${id}.sealed`);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const pkcs8 = p.privateKey.export({ format: 'der', type: 'pkcs8' });
    expect(readFileSync(file).includes(pkcs8.subarray(40, 72))).toBe(false); // no plaintext key bytes

    const loaded = new PoolSpares(dir, sealer()).load(2);
    expect(loaded).toHaveLength(1);
    expect(loaded[0]!.id).toBe(id);
    expect(bitsOf(loaded[0]!)).toBe(2048);
    expect(loaded[0]!.pair.publicKeyDer.equals(p.publicKeyDer)).toBe(true);
  });

  it('a claimed spare is gone for good: no later start loads it', () => {
    const spares = new PoolSpares(dir, sealer());
    const id = spares.save(pair())!;
    expect(spares.claim(id)).toBe(true);
    expect(files()).toEqual([]);
    expect(new PoolSpares(dir, sealer()).load(2)).toEqual([]);
    expect(spares.claim(id)).toBe(true); // already gone: nothing left that could come back
  });

  it('loads at most `limit` per modulus length and deletes the rest', () => {
    const spares = new PoolSpares(dir, sealer());
    for (let i = 0; i < 3; i++) spares.save(pair(2048));
    spares.save(pair(3072));
    const loaded = new PoolSpares(dir, sealer()).load(2);
    expect(loaded.map(bitsOf).sort()).toEqual([2048, 2048, 3072]);
    expect(files()).toHaveLength(3);
  });

  it('deletes what does not open — damaged, renamed, another master key, a torn write — and loads the rest', () => {
    const spares = new PoolSpares(dir, sealer());
    const good = spares.save(pair())!;
    const damaged = spares.save(pair())!;
    const renamed = spares.save(pair())!;
    const bytes = readFileSync(join(dir, `${damaged}.sealed`));
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(join(dir, `${damaged}.sealed`), bytes);
    renameSync(join(dir, `${renamed}.sealed`), join(dir, 'ffffffffffffffff.sealed'));
    new PoolSpares(dir, sealer(randomBytes(32))).save(pair()); // another data directory's key
    writeFileSync(join(dir, '0123456789abcdef.sealed.tmp'), 'cut short');

    const loaded = new PoolSpares(dir, sealer()).load(10);
    expect(loaded.map((s) => s.id)).toEqual([good]);
    expect(files()).toEqual([`${good}.sealed`]);
  });

  it('never throws over what it cannot delete, leaves other names alone, and refuses to claim what stays', () => {
    const spares = new PoolSpares(dir, sealer());
    const id = spares.save(pair())!;
    mkdirSync(join(dir, 'abcdefabcdefabcd.sealed')); // a folder with a spare's name: cannot be unlinked
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    const loaded = new PoolSpares(dir, sealer()).load(2);
    expect(loaded.map((s) => s.id)).toEqual([id]);
    expect(files()).toEqual(['abcdefabcdefabcd.sealed', `${id}.sealed`, 'notes.txt'].sort());
    expect(spares.claim('abcdefabcdefabcd')).toBe(false);
    expect(spares.claim(id)).toBe(true);
  });

  it('no folder yet: nothing to load; a folder that cannot be written: the spare stays in memory only', () => {
    expect(new PoolSpares(dir, sealer()).load(2)).toEqual([]);
    writeFileSync(dir, 'a file where the folder should be');
    expect(new PoolSpares(dir, sealer()).save(pair())).toBeNull();
  });
});
