/**
 * A backup with passphrase shares, as the app makes it (issue 11): the officers name custodians and forms,
 * each passphrase custodian sets theirs (typed twice) through main, and main writes the backup only when
 * every passphrase is set for the material still held. Every refusal changes nothing and wipes what was
 * typed; cancelling or replacing wipes what was held. Then the material expires and comes back from the
 * two passphrase files, through KMS's same-material rule, in plain Node against the embedded emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { approveAndImport, confirmAndWrap, refusal, startedSession } from '../helpers';
import { lazyEmulator, type LazyEmulator } from '../../../../../electron/main/lazy-emulator';
import type { CeremonySession } from '../../../../../electron/core/ceremony/session';
import { secretFromTyped } from '../../../../../electron/core/crypto';
import { decryptShare } from '../../../../../electron/core/custody';

let dir: string;
let emulator: LazyEmulator;
let recipient: string;
const CAROL = 'correct horse battery staple';
const DAVE = 'tulip granite orbit lantern';
// age's scrypt at 2^10 keeps the test quick; the app uses age's own 2^18.
const WORK_FACTOR = 10;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'backup-passphrases-'));
  emulator = lazyEmulator(path.join(dir, 'kms'));
  recipient = await identityToRecipient(await generateIdentity());
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

function newFolder(name: string): string {
  const folder = path.join(dir, name);
  mkdirSync(folder);
  return folder;
}

const plan = {
  threshold: 2,
  shares: [
    { custodian: 'Carol Custodian', form: 'age-passphrase' as const },
    { custodian: 'Dave Keeper', form: 'age-passphrase' as const },
    { custodian: 'Erin Holder', form: 'age-x25519' as const, recipient: '' },
  ],
  scryptWorkFactor: WORK_FACTOR,
};
const withRecipient = () => ({
  ...plan,
  shares: plan.shares.map((sh) => (sh.form === 'age-x25519' ? { ...sh, recipient } : sh)),
});

async function sessionWithMaterial() {
  const s = await startedSession(dir, emulator);
  await s.connect({ target: 'emulator' });
  const key = await s.createKey({
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    description: 'passphrase backup test',
    alias: null,
    multiRegion: false,
  });
  const material = await s.generateKeyMaterial();
  return { s, key, material };
}

/** Everything the renderer may see, minus the transcript's growth (refusals are recorded there). */
const view = (s: CeremonySession) => JSON.stringify({ ...s.state(), ceremony: null });

describe('backup with passphrase shares, set in the entry window', () => {
  it('waits for each passphrase, refuses bad ones changing nothing, writes the backup; a reimport from the passphrase files works', async () => {
    const { s, key, material } = await sessionWithMaterial();
    await s.beginBackup(withRecipient());
    expect(s.state().custody.entry).toEqual({
      kind: 'passphrases',
      keySpec: 'SYMMETRIC_DEFAULT',
      custodians: ['Carol Custodian', 'Dave Keeper'],
      entered: [],
      next: 'Carol Custodian',
      threshold: 2,
      backupId: null,
      ready: false,
    });
    const before = view(s);
    const folder = newFolder('early');
    for (const [req, code, named] of [
      [{ custodian: 'Mallory', passphrase: CAROL, confirm: CAROL }, 'NOT_A_CUSTODIAN', 'Mallory'],
      [{ custodian: 'Erin Holder', passphrase: CAROL, confirm: CAROL }, 'PASSPHRASE_NOT_AWAITED', 'Erin'],
      [{ custodian: 'Carol Custodian', passphrase: CAROL, confirm: DAVE }, 'PASSPHRASE_MISMATCH', 'Carol'],
      [{ custodian: 'carol  custodian', passphrase: 'short', confirm: 'short' }, 'WEAK_PASSPHRASE', 'Carol'],
    ] as const) {
      const e = await refusal(s.submitBackupPassphrase(req), code);
      expect(e.message).toContain(named);
      expect(view(s)).toBe(before);
    }
    const missing = await refusal(s.completeBackup(folder), 'PASSPHRASES_MISSING');
    expect(missing.message).toContain('Carol Custodian, Dave Keeper have not set');
    expect(readdirSync(folder)).toEqual([]);

    // Names compare as people do: another spelling of Carol is Carol.
    expect(
      await s.submitBackupPassphrase({ custodian: ' carol custodian', passphrase: CAROL, confirm: CAROL }),
    ).toEqual({ custodian: 'Carol Custodian', share: '1 of 3', set: 1, total: 2 });
    const once = view(s);
    await refusal(
      s.submitBackupPassphrase({ custodian: 'Carol Custodian', passphrase: DAVE, confirm: DAVE }),
      'PASSPHRASE_ALREADY_SET',
    );
    expect(view(s)).toBe(once);
    expect(s.state().custody.entry).toMatchObject({
      entered: [{ custodian: 'Carol Custodian', checkValue: null, share: '1 of 3' }],
      next: 'Dave Keeper',
      ready: false,
    });
    await s.submitBackupPassphrase({ custodian: 'Dave Keeper', passphrase: DAVE, confirm: DAVE });
    expect(s.state().custody.entry).toMatchObject({ ready: true, next: null });
    s.checkBackupReady();

    const made = await s.completeBackup(folder);
    expect(s.state().custody.entry).toBeNull();
    expect(made.shares.map((x) => [x.index, x.custodian, x.form])).toEqual([
      [1, 'Carol Custodian', 'age-passphrase'],
      [2, 'Dave Keeper', 'age-passphrase'],
      [3, 'Erin Holder', 'age-x25519'],
    ]);
    const files = made.shares.map((x) => path.join(folder, x.file!));
    const carols = await decryptShare(readFileSync(files[0]!), { passphrase: secretFromTyped(CAROL) }, 'f');
    expect(carols.header).toMatchObject({ index: 1, checkValue: { value: material.checkValue.value } });
    carols.bytes.wipe();
    await refusal(
      decryptShare(readFileSync(files[1]!), { passphrase: secretFromTyped(CAROL) }, 'f'),
      'AGE_LOCKED',
    );
    const transcript = await s.transcriptText();
    expect(transcript.match(/material\.backup-passphrase-set/g)?.length).toBeGreaterThanOrEqual(2);
    expect(transcript).toContain('material.backed-up');
    for (const p of [CAROL, DAVE, Buffer.from(CAROL).toString('hex'), Buffer.from(DAVE).toString('base64')])
      expect(transcript).not.toContain(p);

    // Import for a day; after it expires, a new ceremony brings it back from the two passphrase files.
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await confirmAndWrap(s);
    const inDays = async (days: number) =>
      new Date((await emulator.get()).now().getTime() + days * 86_400_000).toISOString();
    await approveAndImport(s, { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: await inDays(1) });
    await s.finishCeremony('completed', 'backed up to passphrases');
    (await emulator.get()).running.advanceClock(2 * 86_400);

    const again = await startedSession(dir, emulator);
    await again.connect({ target: 'emulator' });
    expect((await again.describeKey(key.keyId)).keyState).toBe('PendingImport');
    await again.beginRestore({});
    await refusal(
      again.submitShare({ custodian: 'Dave Keeper', ageFile: files[1]!, unlock: { passphrase: CAROL } }),
      'AGE_LOCKED',
    );
    await again.submitShare({ custodian: 'Dave Keeper', ageFile: files[1]!, unlock: { passphrase: DAVE } });
    await again.submitShare({
      custodian: 'Carol Custodian',
      ageFile: files[0]!,
      unlock: { passphrase: CAROL },
    });
    expect((await again.restoreFromShares()).checkValue.value).toBe(material.checkValue.value);
    await again.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await confirmAndWrap(again);
    await approveAndImport(again, { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: await inDays(1) });
    expect((await again.verify()).passed).toBe(true);
    await again.close();
  });

  it('wipes what was typed on a refusal, and what was held on cancel or on a new backup', async () => {
    const { s } = await sessionWithMaterial();
    await s.beginBackup(withRecipient());
    const typed = () => [secretFromTyped(CAROL), secretFromTyped(CAROL)] as const;

    const [a, b] = [secretFromTyped(CAROL), secretFromTyped(DAVE)];
    await refusal(
      s.submitBackupPassphrase({ custodian: 'Carol Custodian', passphrase: a, confirm: b }),
      'PASSPHRASE_MISMATCH',
    );
    expect([a.wiped, b.wiped]).toEqual([true, true]);

    const [held, confirm] = typed();
    await s.submitBackupPassphrase({ custodian: 'Carol Custodian', passphrase: held, confirm });
    expect([held.wiped, confirm.wiped]).toEqual([false, true]);
    await s.cancelCustodyEntry();
    expect(held.wiped).toBe(true);
    expect(s.state().custody.entry).toBeNull();
    await refusal(
      s.submitBackupPassphrase({ custodian: 'Carol Custodian', passphrase: CAROL, confirm: CAROL }),
      'NO_PASSPHRASE_ENTRY',
    );
    expect(await s.transcriptText()).toContain('"kind":"passphrases"');

    // A new backup request, or component entry, replaces the waiting backup and wipes what it held.
    await s.beginBackup(withRecipient());
    const [first, c1] = typed();
    await s.submitBackupPassphrase({ custodian: 'Carol Custodian', passphrase: first, confirm: c1 });
    await s.beginBackup(withRecipient());
    expect(first.wiped).toBe(true);
    expect(s.state().custody.entry).toMatchObject({ entered: [], ready: false });
    const [second, c2] = typed();
    await s.submitBackupPassphrase({ custodian: 'Carol Custodian', passphrase: second, confirm: c2 });
    await s.beginComponents({ custodians: ['Fay Fielder', 'Gus Guard'], replace: true });
    expect(second.wiped).toBe(true);
    await s.close();
  });

  it('refuses a backup that cannot be made before waiting for anyone, and one whose material changed', async () => {
    const { s } = await sessionWithMaterial();
    await refusal(s.beginBackup(plan), 'BAD_RECIPIENT');
    await refusal(
      s.beginBackup({
        threshold: 2,
        shares: [
          { custodian: 'Carol', form: 'printed-sheet' },
          { custodian: 'Dave', form: 'age-x25519', recipient },
        ],
      }),
      'NO_PASSPHRASE_SHARE',
    );
    await refusal(
      s.beginBackup({
        ...withRecipient(),
        shares: [...withRecipient().shares, { custodian: 'Ada Officer', form: 'age-passphrase' }],
      }),
      'CUSTODIAN_ROLE_CLASH',
    );
    await refusal(s.beginBackup({ ...withRecipient(), threshold: 4 }), 'BACKUP_SHAPE');
    expect(s.state().custody.entry).toBeNull();
    await refusal(s.completeBackup(newFolder('none')), 'NO_PASSPHRASE_ENTRY');

    await s.beginBackup(withRecipient());
    for (const custodian of ['Carol Custodian', 'Dave Keeper'])
      await s.submitBackupPassphrase({
        custodian,
        passphrase: CAROL + custodian,
        confirm: CAROL + custodian,
      });
    await s.generateKeyMaterial(true);
    const before = view(s);
    const folder = newFolder('changed');
    const changed = await refusal(s.completeBackup(folder), 'MATERIAL_CHANGED');
    expect(changed.message).toContain('the material held now has check value');
    expect(readdirSync(folder)).toEqual([]);
    expect(view(s)).toBe(before);
    expect(s.state().custody.backups).toEqual([]);
    await s.close();
  });

  it('refuses without a ceremony key and material', async () => {
    const s = await startedSession(dir, emulator);
    await refusal(s.beginBackup(plan), 'NO_KEY');
    await s.close();
  });
});
