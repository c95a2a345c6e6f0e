/**
 * Custody in the ceremony session (issue 11), end to end against the embedded emulator in plain Node:
 * material backed up M-of-N to age files, imported with a 1-day expiry, expired by the emulator clock, and
 * brought back by a second ceremony from M shares — KMS's same-material rule and the proof are the judges.
 * Also: custodian components for HMAC_256, and the refusals (wrong share, share of another backup, too
 * few shares, a component that fails its check value) that must change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { approveAndImport, confirmAndWrap, refusal, startedSession } from './helpers';
import { lazyEmulator, type LazyEmulator } from '../../../../electron/main/lazy-emulator';
import type { CeremonySession } from '../../../../electron/core/ceremony/session';
import { checkValue, Secret } from '../../../../electron/core/crypto';
import { decryptShare, renderShareText, splitMaterial } from '../../../../electron/core/custody';
import { keysWithBackup } from '../../../../electron/core/lifecycle/backup-records';

let dir: string;
let emulator: LazyEmulator;
const custodians = ['Carol Custodian', 'Dave Keeper', 'Erin Holder'];
let identities: string[];
let recipients: string[];

const inDays = (days: number, from: Date) => new Date(from.getTime() + days * 86_400_000).toISOString();
const kmsNow = async () => (await emulator.get()).now();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'custody-session-'));
  emulator = lazyEmulator(path.join(dir, 'kms'));
  identities = await Promise.all(custodians.map(() => generateIdentity()));
  recipients = await Promise.all(identities.map((i) => identityToRecipient(i)));
  identities.forEach((identity, i) => writeFileSync(path.join(dir, `id-${i}.key`), `${identity}\n`));
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

async function createKey(s: CeremonySession, keySpec: 'SYMMETRIC_DEFAULT' | 'HMAC_256') {
  await s.connect({ target: 'emulator' });
  return s.createKey({
    keySpec,
    keyUsage: keySpec === 'HMAC_256' ? 'GENERATE_VERIFY_MAC' : 'ENCRYPT_DECRYPT',
    description: 'custody test',
    alias: null,
    multiRegion: false,
  });
}

/** Backs up 2-of-3 to the custodians' age keys and returns the files by custodian index. */
async function backUp(s: CeremonySession, folder: string) {
  const made = await s.makeBackup(
    {
      threshold: 2,
      shares: custodians.map((custodian, i) => ({
        custodian,
        form: 'age-x25519',
        recipient: recipients[i]!,
      })),
    },
    folder,
  );
  return { made, files: made.shares.map((sh) => path.join(folder, sh.file!)) };
}

async function wrapAndImportForOneDay(s: CeremonySession) {
  await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
  await confirmAndWrap(s);
  await approveAndImport(s, { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo: inDays(1, await kmsNow()) });
  expect((await s.verify()).passed).toBe(true);
}

/** A new ceremony (as after a year) selects the expired key and reimports it from `shares` of the backup. */
async function reimportFromShares(keyId: string, files: string[], which: number[]) {
  const s = await startedSession(dir, emulator);
  await s.connect({ target: 'emulator' });
  const key = await s.describeKey(keyId);
  expect(key.keyState).toBe('PendingImport');
  await s.beginRestore({});
  for (const i of which)
    await s.submitShare({
      custodian: custodians[i]!,
      ageFile: files[i]!,
      unlock: { identity: identities[i]! },
    });
  return s;
}

describe('custody in the ceremony session', () => {
  it('generate → 2-of-3 age backup → import for 1 day → expiry → reimport from 2 shares → proof', async () => {
    const s = await startedSession(dir, emulator);
    const key = await createKey(s, 'SYMMETRIC_DEFAULT');
    const material = await s.generateKeyMaterial();
    const folder = newFolder('backup-sym');
    const { made, files } = await backUp(s, folder);
    expect(made).toMatchObject({ threshold: 2, total: 3, keyArn: key.arn });
    expect(made.checkValue).toBe(`AES-CMAC ${material.checkValue.value}`);
    expect(made.shares.map((x) => [x.index, x.custodian, x.form])).toEqual([
      [1, 'Carol Custodian', 'age-x25519'],
      [2, 'Dave Keeper', 'age-x25519'],
      [3, 'Erin Holder', 'age-x25519'],
    ]);
    for (const file of files) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toHaveLength(3);
    expect(s.state().custody.backups[0]!.backupId).toBe(made.backupId);
    // Each file opens with its custodian's identity only.
    const own = await decryptShare(
      readFileSync(files[1]!),
      { identity: Secret.copyOf(Buffer.from(identities[1]!)) },
      'f',
    );
    expect(own.header.index).toBe(2);
    own.bytes.wipe();

    await wrapAndImportForOneDay(s);
    const transcript = await s.transcriptText();
    expect(transcript).toContain('material.backed-up');
    for (const sh of made.shares) expect(transcript).toContain(sh.shareSha256);
    await s.finishCeremony('completed', 'imported with a backup');
    // The expiry planner's "backup on this station" column reads exactly this transcript event.
    expect(await keysWithBackup(path.join(dir, 'transcripts'))).toContain(key.keyId);

    (await emulator.get()).running.advanceClock(2 * 86_400);

    const again = await reimportFromShares(key.keyId, files, [0, 2]);
    expect(again.state().custody.entry).toMatchObject({ kind: 'shares', ready: true, threshold: 2 });
    const restored = await again.restoreFromShares();
    expect(restored).toMatchObject({ source: 'backup', checkValue: material.checkValue });
    expect(again.state().custody.entry).toBeNull();
    await wrapAndImportForOneDay(again);
    expect((await again.describeKey(key.keyId)).keyState).toBe('Enabled');
    const text = await again.transcriptText();
    expect(text).toContain('material.restored');
    expect(text).toContain('material.share-received');
    await again.close();
  });

  it('HMAC_256 from 3 custodian components, backed up, expired and reimported from 2 shares', async () => {
    const s = await startedSession(dir, emulator);
    const key = await createKey(s, 'HMAC_256');
    const parts = custodians.map(() => randomBytes(32));
    const kcv = (b: Buffer) => checkValue('HMAC_256', Secret.copyOf(b)).value;
    const xor = Buffer.alloc(32);
    for (const p of parts) for (let i = 0; i < 32; i++) xor[i]! ^= p[i]!;
    const groups = (b: Buffer) => b.toString('hex').toUpperCase().match(/.{4}/g)!.join(' ');

    await s.beginComponents({ custodians });
    // The operator may not be a custodian; a component that fails its check value is not accepted.
    await refusal(
      s.submitComponent({ custodian: 'Ada Officer', hex: groups(parts[0]!), checkValue: kcv(parts[0]!) }),
      'NOT_A_CUSTODIAN',
    );
    const wrong = await refusal(
      s.submitComponent({ custodian: custodians[0]!, hex: groups(parts[1]!), checkValue: kcv(parts[0]!) }),
      'KCV_MISMATCH',
    );
    expect(wrong.message).toContain('Carol Custodian');
    expect(s.state().custody.entry?.entered).toEqual([]);
    await refusal(s.combineComponents(), 'COMPONENTS_MISSING');

    for (const [i, custodian] of custodians.entries()) {
      const r = await s.submitComponent({ custodian, hex: groups(parts[i]!), checkValue: kcv(parts[i]!) });
      expect(r).toEqual({ custodian, checkValue: kcv(parts[i]!), entered: i + 1, total: 3 });
    }
    await refusal(
      s.submitComponent({ custodian: custodians[0]!, hex: groups(parts[0]!), checkValue: kcv(parts[0]!) }),
      'COMPONENT_ALREADY_ENTERED',
    );
    const material = await s.combineComponents();
    expect(material).toMatchObject({ source: 'components', length: 32, checkValue: { value: kcv(xor) } });

    const { files } = await backUp(s, newFolder('backup-hmac'));
    await wrapAndImportForOneDay(s);
    const transcript = await s.transcriptText();
    for (const p of parts) {
      for (const encoded of [p.toString('hex'), groups(p), p.toString('base64')])
        expect(transcript).not.toContain(encoded);
    }
    await s.finishCeremony('completed', 'HMAC from components');

    (await emulator.get()).running.advanceClock(2 * 86_400);
    const again = await reimportFromShares(key.keyId, files, [1, 2]);
    expect((await again.restoreFromShares()).checkValue.value).toBe(kcv(xor));
    await wrapAndImportForOneDay(again);
    await again.close();
  });

  it('refuses components for an asymmetric key, the operator as custodian, and replacing material unasked', async () => {
    const s = await startedSession(dir, emulator);
    await s.connect({ target: 'emulator' });
    await s.createKey({
      keySpec: 'ECC_NIST_P256',
      keyUsage: 'SIGN_VERIFY',
      description: '',
      alias: null,
      multiRegion: false,
    });
    await refusal(s.beginComponents({ custodians }), 'NOT_SPLITTABLE');
    await s.close();

    const t = await startedSession(dir, emulator);
    await createKey(t, 'SYMMETRIC_DEFAULT');
    const clash = await refusal(
      t.beginComponents({ custodians: ['ada  officer', 'Carol'] }),
      'CUSTODIAN_ROLE_CLASH',
    );
    expect(clash.message).toContain('operator');
    await refusal(t.beginComponents({ custodians: ['Carol'] }), 'COMPONENT_COUNT');
    await t.generateKeyMaterial();
    await refusal(t.beginComponents({ custodians }), 'MATERIAL_EXISTS');
    await refusal(t.beginRestore({}), 'MATERIAL_EXISTS');
    expect(t.state().custody.entry).toBeNull();
    await t.close();
  });

  it('refuses a wrong share, a share of another backup and too few shares, changing nothing', async () => {
    const s = await startedSession(dir, emulator);
    const key = await createKey(s, 'SYMMETRIC_DEFAULT');
    await s.generateKeyMaterial();
    const { made, files } = await backUp(s, newFolder('backup-a'));
    const other = await backUp(s, newFolder('backup-b'));
    expect(other.made.backupId).not.toBe(made.backupId);
    await refusal(
      s.makeBackup(
        {
          threshold: 2,
          shares: [
            { custodian: 'Ada Officer', form: 'printed-sheet' },
            { custodian: 'Carol', form: 'printed-sheet' },
          ],
        },
        newFolder('backup-c'),
      ),
      'CUSTODIAN_ROLE_CLASH',
    );
    await s.finishCeremony('completed', 'two backups');

    const r = await startedSession(dir, emulator);
    await r.connect({ target: 'emulator' });
    await r.describeKey(key.keyId);
    await r.beginRestore({});
    const unlock = (i: number) => ({ identity: identities[i]! });
    await r.submitShare({ custodian: custodians[0]!, ageFile: files[0]!, unlock: unlock(0) });
    // Refusals are recorded in the transcript; the rest of the state must not move.
    const unchanged = () => JSON.stringify({ ...r.state(), ceremony: null });
    const before = unchanged();

    const tooFew = await refusal(r.restoreFromShares(), 'TOO_FEW_SHARES');
    expect(tooFew.message).toContain('needs 2 of its 3 shares; 1 was given');
    const mixed = await refusal(
      r.submitShare({ custodian: custodians[1]!, ageFile: other.files[1]!, unlock: unlock(1) }),
      'SHARE_OTHER_BACKUP',
    );
    expect(mixed.message).toContain(`belongs to backup ${other.made.backupId}`);
    await refusal(
      r.submitShare({ custodian: custodians[1]!, ageFile: files[1]!, unlock: unlock(2) }),
      'AGE_LOCKED',
    );
    expect(unchanged()).toBe(before);

    // A damaged share of the same backup (valid line checksums, wrong bytes) is named once a third share is in.
    const damaged = await decryptShare(
      readFileSync(files[1]!),
      { identity: Secret.copyOf(Buffer.from(identities[1]!)) },
      'f',
    );
    damaged.bytes.use((b) => (b[3] = b[3]! ^ 0x5a));
    await r.submitShare({ custodian: custodians[1]!, text: renderShareText(damaged) });
    const disagree = await refusal(r.restoreFromShares(), 'SHARES_DISAGREE');
    expect(disagree.message).toContain('share 1, share 2');
    expect(r.state().material).toBeNull();
    await r.submitShare({ custodian: custodians[2]!, ageFile: files[2]!, unlock: unlock(2) });
    const named = await refusal(r.restoreFromShares(), 'SHARE_MISMATCH');
    expect(named.message).toContain('share 2 of 3 does not match the others');
    expect(r.state().material).toBeNull();
    await r.cancelCustodyEntry();

    // A share of another key is refused at once; the key's recorded check value is enforced.
    const foreign = await splitMaterial({
      keySpec: 'SYMMETRIC_DEFAULT',
      material: Secret.random(32),
      key: 'arn:aws:kms:us-east-1:111122223333:key/other',
      threshold: 2,
      total: 2,
    });
    await r.beginRestore({ checkValue: made.checkValue.split(' ')[1]! });
    await refusal(
      r.submitShare({ custodian: 'Carol', text: renderShareText(foreign.shares[0]!) }),
      'SHARE_OTHER_KEY',
    );
    expect(r.state().custody.entry?.entered).toEqual([]);
    await r.beginRestore({ checkValue: '000000' });
    await refusal(
      r.submitShare({ custodian: custodians[0]!, ageFile: files[0]!, unlock: unlock(0) }),
      'SHARE_OTHER_MATERIAL',
    );
    await r.close();
  });
});
