import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../../electron/core/crypto';
import { decryptShare, type Share } from '../../../../electron/core/custody';
import { cli, workDir } from './crypto-cli-harness';

const w = workDir();
afterAll(() => w.cleanup());

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPdftotext)
  console.log(
    'shares.test: pdftotext missing (apt-get install -y poppler-utils): sheet typed back from the PDF skipped',
  );

/** Every encoding someone might leak bytes in (as e2e/browser/leak-check.ts, for plain Node). */
function encodings(bytes: Buffer): string[] {
  return [
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.subarray(10, 22).toString('hex'),
    bytes.subarray(10, 22).toString('hex').toUpperCase(),
    // As a sheet groups it: "8F3A 21C0 …"
    bytes
      .subarray(0, 6)
      .toString('hex')
      .toUpperCase()
      .replace(/(.{4})(?=.)/g, '$1 '),
  ];
}

const material = Buffer.from('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4', 'hex');
const outputs: string[] = [];
async function run(args: string[]) {
  const r = await cli(args);
  outputs.push(r.stdout, r.stderr);
  return r;
}

describe('kms-ceremony shares', () => {
  const out = join(w.dir, 'backup');
  let carolKey = '';
  let files: string[] = [];
  const shares: Share[] = [];

  beforeAll(async () => {
    w.write('key.bin', material);
    const identity = await generateIdentity();
    carolKey = w.write(
      'carol.key',
      `# created by age-keygen\n# public key: ${await identityToRecipient(identity)}\n${identity}\n`,
    );
    w.write('carol.pub', await identityToRecipient(identity));
    w.write('dave.pass', 'dave speaks friend\n');
    const r = await run([
      'shares',
      'split',
      '--key-spec',
      'SYMMETRIC_DEFAULT',
      '--material',
      w.path('key.bin'),
      '--key',
      'alias/payments-2027',
      '--threshold',
      '2',
      '--ceremony-id',
      'cer-7',
      '--share',
      `Carol Custodian=${await identityToRecipient(identity)}`,
      '--share',
      `Dave=passphrase:${w.path('dave.pass')}`,
      '--share',
      'Erin=sheet',
      '--out-dir',
      out,
      '--scrypt-work-factor',
      '10',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    files = readdirSync(out)
      .map((f) => join(out, f))
      .sort();
    shares.push(
      await decryptShare(
        readFileSync(files[1]!),
        { identity: Secret.copyOf(Buffer.from(identity)) },
        'carol',
      ),
    );
    shares.push(
      await decryptShare(
        readFileSync(files[2]!),
        { passphrase: Secret.copyOf(Buffer.from('dave speaks friend')) },
        'dave',
      ),
    );
  });

  it('split writes one age file or sheet per custodian (0600) and a record without secrets', () => {
    expect(files.map((f) => f.slice(out.length + 1).replace(/[0-9A-F]{4}(-[0-9A-F]{4}){3}/, 'ID'))).toEqual(
      [
        'backup-ID-record.json',
        'backup-ID-share-1-of-3-carol-custodian.age',
        'backup-ID-share-2-of-3-dave.age',
        'backup-ID-share-3-of-3-erin.pdf',
      ].sort(),
    );
    for (const f of files.filter((f) => !f.endsWith('.json'))) expect(statSync(f).mode & 0o777).toBe(0o600);
    const record = JSON.parse(
      readFileSync(
        files.find((f) => f.endsWith('.json'))!,
        'utf8',
      ),
    );
    expect(record.shares.map((s: { custodian: string; form: string }) => `${s.custodian}:${s.form}`)).toEqual(
      ['Carol Custodian:age-x25519', 'Dave:age-passphrase', 'Erin:printed-sheet'],
    );
    expect(outputs[0]).toMatch(
      /^Backup [0-9A-F-]{19}: SYMMETRIC_DEFAULT material of alias\/payments-2027 split into 3 shares, any 2 rebuild it\.\n {2}check value AES-CMAC 1A0B2D\n/,
    );
  });

  it('combine rebuilds from an age file and its identity plus the printed sheet typed back; writes only with --out (0600)', async () => {
    if (!hasPdftotext) return;
    const sheet = w.path('erin.txt');
    execFileSync('pdftotext', ['-raw', files.find((f) => f.endsWith('.pdf'))!, sheet]);
    const args = [
      'shares',
      'combine',
      '--age',
      files[1]!,
      '--identity',
      carolKey,
      '--sheet',
      sheet,
      '--key',
      'alias/payments-2027',
    ];
    const dry = await run(args);
    expect(dry.code, `${dry.stderr}\n--- the sheet as typed back:\n${readFileSync(sheet, 'utf8')}`).toBe(0);
    expect(dry.stdout).toMatch(
      /^Shares 1, 3 of backup .* check value AES-CMAC 1A0B2D matches the backup\.\nNothing was written/,
    );
    const written = await run([...args, '--out', w.path('rebuilt.bin')]);
    expect(written.code).toBe(0);
    expect(readFileSync(w.path('rebuilt.bin')).equals(material)).toBe(true);
    expect(statSync(w.path('rebuilt.bin')).mode & 0o777).toBe(0o600);
    const again = await run([...args, '--out', w.path('rebuilt.bin')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; it was not overwritten/);
  });

  it('combine from two age files, each with its own unlock', async () => {
    const r = await run([
      'shares',
      'combine',
      '--age',
      files[2]!,
      '--passphrase-file',
      w.path('dave.pass'),
      '--age',
      files[1]!,
      '--identity',
      carolKey,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Shares 1, 2 of backup/);
  });

  it('refuses fewer than M shares, a wrong passphrase, an unlock without its file and another key', async () => {
    const one = await run(['shares', 'combine', '--age', files[1]!, '--identity', carolKey]);
    expect(one.stderr).toBe(
      'error: This backup needs 2 of its 3 shares; 1 was given (share 1).\nhint: Bring 1 more custodian with their share; nothing was rebuilt.',
    );
    w.write('wrong.pass', 'not it\n');
    const wrong = await run([
      'shares',
      'combine',
      '--age',
      files[2]!,
      '--passphrase-file',
      w.path('wrong.pass'),
      '--age',
      files[1]!,
      '--identity',
      carolKey,
    ]);
    expect(wrong.stderr).toMatch(
      /^error: The share file backup-.*-share-2-of-3-dave\.age could not be opened with the passphrase given/,
    );
    const unpaired = await run(['shares', 'combine', '--identity', carolKey, '--age', files[1]!]);
    expect(unpaired.code).toBe(2);
    expect(unpaired.stderr).toMatch(/does not follow an --age file/);
    const other = await run([
      'shares',
      'combine',
      '--age',
      files[1]!,
      '--identity',
      carolKey,
      '--age',
      files[2]!,
      '--passphrase-file',
      w.path('dave.pass'),
      '--key',
      'alias/other',
    ]);
    expect(other.stderr).toMatch(
      /^error: share 1 of 3 is a share of key alias\/payments-2027, not of alias\/other\./,
    );
  });

  it('verify checks one share against the record and M shares against the check value, printing no material', async () => {
    const record = files.find((f) => f.endsWith('.json'))!;
    const one = await run([
      'shares',
      'verify',
      '--age',
      files[2]!,
      '--passphrase-file',
      w.path('dave.pass'),
      '--record',
      record,
    ]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(
      /^share 2 of 3 of backup .*: readable, matches the record \(given to Dave, age-passphrase\)\.\n1 share checked; 2 are needed/,
    );
    const both = await run([
      'shares',
      'verify',
      '--age',
      files[2]!,
      '--passphrase-file',
      w.path('dave.pass'),
      '--age',
      files[1]!,
      '--identity',
      carolKey,
      '--record',
      record,
    ]);
    expect(both.stdout).toMatch(
      /The shares rebuild the material: check value AES-CMAC 1A0B2D matches the backup\.$/,
    );
    const wrongKcv = await run([
      'shares',
      'verify',
      '--age',
      files[1]!,
      '--identity',
      carolKey,
      '--check-value',
      '000000',
    ]);
    expect(wrongKcv.stderr).toMatch(/records check value 1A0B2D, not 000000/);
  });

  it("split writes nothing when a custodian's recipient is bad, or a custodian is named twice", async () => {
    const empty = join(w.dir, 'nothing');
    const bad = await run([
      'shares',
      'split',
      '--key-spec',
      'SYMMETRIC_DEFAULT',
      '--material',
      w.path('key.bin'),
      '--key',
      'alias/k',
      '--threshold',
      '2',
      '--share',
      'Carol=age1notakey',
      '--share',
      'Erin=sheet',
      '--out-dir',
      empty,
    ]);
    expect(bad.stderr).toMatch(/^error: Carol's recipient "age1notakey…" is not an age public key\./);
    const twice = await run([
      'shares',
      'split',
      '--key-spec',
      'SYMMETRIC_DEFAULT',
      '--material',
      w.path('key.bin'),
      '--key',
      'alias/k',
      '--threshold',
      '2',
      '--share',
      'Erin=sheet',
      '--share',
      ' erin =sheet',
      '--out-dir',
      empty,
    ]);
    expect(twice.stderr).toMatch(/are the same custodian/);
    const shape = await run([
      'shares',
      'split',
      '--key-spec',
      'SYMMETRIC_DEFAULT',
      '--material',
      w.path('key.bin'),
      '--key',
      'alias/k',
      '--threshold',
      '3',
      '--share',
      'Erin=sheet',
      '--share',
      'Finn=sheet',
      '--out-dir',
      empty,
    ]);
    expect(shape.stderr).toMatch(/A backup of 2 shares with threshold 3 is not possible/);
    expect(existsSync(empty)).toBe(false);
  });

  it('never prints the material or a share, nor writes them into the record, in hex or base64', () => {
    const record = readFileSync(
      files.find((f) => f.endsWith('.json'))!,
      'utf8',
    );
    const secrets = [material, ...shares.map((s) => s.bytes.use((b) => Buffer.from(b)))];
    const everything = [...outputs, record].join('\n');
    expect(outputs.length).toBeGreaterThan(10);
    for (const secret of secrets)
      for (const encoded of encodings(secret)) expect(everything).not.toContain(encoded);
  });
});
