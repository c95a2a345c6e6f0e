/**
 * Components read from the custodians' own files (issue 11), as the app's entry window loads them through
 * main's file dialog: the same file format scripts accept (raw bytes of the key's length, or hex groups),
 * the same name and check-value checks as typed entry. A refusal names the custodian and the file (its base
 * name, never its folder) and keeps nothing; the transcript says which file, never a byte of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { refusal, startedSession } from '../helpers';
import { lazyEmulator, type LazyEmulator } from '../../../../../electron/main/lazy-emulator';
import { checkValue, Secret } from '../../../../../electron/core/crypto';

let dir: string;
let drives: string;
let emulator: LazyEmulator;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'components-file-'));
  drives = path.join(dir, 'removable-drives');
  mkdirSync(drives);
  emulator = lazyEmulator(path.join(dir, 'kms'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

const drive = (name: string, content: string | Buffer) => {
  const file = path.join(drives, name);
  writeFileSync(file, content);
  return file;
};

describe('components from files', () => {
  it('accepts a hex-groups file and a raw file, refuses bad ones by custodian and file name, and combines', async () => {
    const s = await startedSession(dir, emulator);
    await s.connect({ target: 'emulator' });
    await s.createKey({
      keySpec: 'HMAC_256',
      keyUsage: 'GENERATE_VERIFY_MAC',
      description: 'components from files',
      alias: null,
      multiRegion: false,
    });
    const [carol, dave] = [randomBytes(32), randomBytes(32)];
    const kcv = (b: Buffer) => checkValue('HMAC_256', Secret.copyOf(b)).value;
    const groups = (b: Buffer) => `${b.toString('hex').toUpperCase().match(/.{4}/g)!.join(' ')}\n`;
    await s.beginComponents({ custodians: ['Carol Custodian', 'Dave Keeper'] });
    const unchanged = () => JSON.stringify({ ...s.state(), ceremony: null });
    const before = unchanged();

    const cases: [string, string | Buffer, string, string][] = [
      ['carol-short.bin', carol.subarray(0, 31), 'Carol Custodian', 'BAD_HEX'],
      ['carol-typo.hex', groups(carol).replace(/^./, 'G'), 'Carol Custodian', 'BAD_HEX'],
      [
        'carol-long.hex',
        groups(Buffer.concat([carol, carol.subarray(0, 2)])),
        'Carol Custodian',
        'BAD_LENGTH',
      ],
      ['dave-in-carols.hex', groups(dave), 'Carol Custodian', 'KCV_MISMATCH'],
    ];
    for (const [name, content, custodian, code] of cases) {
      const e = await refusal(
        s.submitComponent({ custodian, checkValue: kcv(carol), file: drive(name, content) }),
        code,
      );
      expect(e.message).toContain(custodian);
      expect(e.message).toContain(name);
      expect(e.message).not.toContain(drives);
      expect(unchanged()).toBe(before);
    }
    const gone = await refusal(
      s.submitComponent({
        custodian: 'Carol Custodian',
        checkValue: kcv(carol),
        file: path.join(drives, 'absent.hex'),
      }),
      'READ_FAILED',
    );
    expect(gone.message).toContain('absent.hex');
    expect(gone.message).not.toContain(drives);
    // Before main asks for a file: the custodian must be named and not have entered yet.
    expect(() => s.checkComponentCustodian('Mallory')).toThrow(/not one of the custodians/);

    const first = await s.submitComponent({
      custodian: 'Carol Custodian',
      checkValue: kcv(carol),
      file: drive('carol.hex', groups(carol)),
    });
    expect(first).toEqual({ custodian: 'Carol Custodian', checkValue: kcv(carol), entered: 1, total: 2 });
    expect(() => s.checkComponentCustodian('carol custodian')).toThrow(/already entered/);
    await s.submitComponent({
      custodian: 'Dave Keeper',
      checkValue: kcv(dave),
      file: drive('dave.key', dave),
    });
    const xor = Buffer.from(carol.map((b, i) => b ^ dave[i]!));
    expect((await s.combineComponents()).checkValue.value).toBe(kcv(xor));

    const transcript = await s.transcriptText();
    expect(transcript).toContain('"from":"file carol.hex"');
    expect(transcript).toContain('"from":"file dave.key"');
    expect(transcript).not.toContain(drives);
    for (const b of [carol, dave, xor])
      for (const encoded of [
        b.toString('hex'),
        b.toString('hex').toUpperCase(),
        groups(b).trim(),
        b.toString('base64'),
      ])
        expect(transcript).not.toContain(encoded);
    await s.close();
  });
});
