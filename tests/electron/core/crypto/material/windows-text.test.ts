import { createHash, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKeyMaterial, readPassphraseFile, readSecretFile } from '../../../../../electron/core/crypto';
import { AppError } from '../../../../../electron/core/errors';
import { tempDir } from '../openssl';

/**
 * Key material and passphrase files written by Windows PowerShell (`>`/Out-File: UTF-16LE with BOM, CRLF)
 * load like bundle files do, with the conversion reported (sizes and the FILE's SHA-256); what cannot be
 * converted is refused naming the encoding found.
 */
const tmp = tempDir();
const key = randomBytes(32);
let rsa: { publicKey: string; privateKey: string };
let encryptedPem: string;

beforeAll(() => {
  rsa = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  encryptedPem = createPrivateKey(rsa.privateKey)
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' })
    .toString();
});

/** What PowerShell's `Out-File`/`>` writes: BOM, UTF-16LE, CRLF. */
const powershell = (text: string) =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf16le')]);

function write(name: string, bytes: Buffer): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, bytes);
  return path;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function load(bytes: Buffer, keySpec: 'SYMMETRIC_DEFAULT' | 'RSA_2048', passphrase?: string) {
  const file = readSecretFile(write(`m-${sha256(bytes).slice(0, 8)}`, bytes));
  const loaded = await loadKeyMaterial(file, {
    keySpec,
    ...(passphrase !== undefined ? { passphrase: readPassphraseFile(passphrase) } : {}),
  });
  return { loaded, material: loaded.material.use((b) => Buffer.from(b)) };
}

describe('key material files written by Windows tools', () => {
  it('UTF-16LE + BOM + CRLF hex loads, and the note gives sizes and the SHA-256 of the file only', async () => {
    const bytes = powershell(`${key.toString('hex')}\n`);
    const { loaded, material } = await load(bytes, 'SYMMETRIC_DEFAULT');
    expect(material.equals(key)).toBe(true);
    expect(loaded.formatFound).toBe('hex');
    expect(loaded.notes[0]).toBe(
      `The key material file is UTF-16LE with byte-order mark text (as PowerShell ">" and Out-File write it); it was converted to UTF-8 before reading (file: ${bytes.length} bytes, SHA-256 ${sha256(bytes)}; converted: 66 bytes).`,
    );
    const said = loaded.notes.join(' ');
    expect(said).not.toContain(key.toString('hex'));
    expect(said).not.toContain(sha256(key));
    expect(said).not.toContain(sha256(Buffer.from(`${key.toString('hex')}\r\n`)));
  });

  it('UTF-16LE + BOM + CRLF base64 loads with a reported conversion', async () => {
    const { loaded, material } = await load(powershell(`${key.toString('base64')}\n`), 'SYMMETRIC_DEFAULT');
    expect(material.equals(key)).toBe(true);
    expect(loaded.formatFound).toBe('base64');
    expect(loaded.notes[0]).toMatch(/^The key material file is UTF-16LE with byte-order mark text/);
  });

  it('UTF-16LE + BOM + CRLF PEM (PKCS#8) loads with a reported conversion', async () => {
    const { loaded, material } = await load(powershell(rsa.privateKey), 'RSA_2048');
    expect(material.equals(createPrivateKey(rsa.privateKey).export({ type: 'pkcs8', format: 'der' }))).toBe(
      true,
    );
    expect(loaded.notes[0]).toMatch(/UTF-16LE with byte-order mark text .* converted: \d+ bytes\)\.$/);
  });

  it('UTF-16BE with BOM, UTF-16LE without BOM and UTF-8 with BOM load too, each named', async () => {
    const hex = `${key.toString('hex')}\r\n`;
    const forms: [Buffer, RegExp][] = [
      [
        Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(hex, 'utf16le').swap16()]),
        /UTF-16BE with byte-order mark/,
      ],
      [Buffer.from(hex, 'utf16le'), /UTF-16LE without byte-order mark/],
      [
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(hex)]),
        /UTF-8 with byte-order mark text; its UTF-8 byte-order mark was removed/,
      ],
    ];
    for (const [bytes, named] of forms) {
      const { loaded, material } = await load(bytes, 'SYMMETRIC_DEFAULT');
      expect(material.equals(key)).toBe(true);
      expect(loaded.notes[0]).toMatch(named);
    }
  });

  it('raw key bytes that happen to start FF FE stay raw (no conversion)', async () => {
    const raw = Buffer.concat([Buffer.from([0xff, 0xfe]), randomBytes(30)]);
    const { loaded, material } = await load(raw, 'SYMMETRIC_DEFAULT');
    expect(material.equals(raw)).toBe(true);
    expect(loaded.notes).toEqual([]);
  });

  it('an encoding that cannot be converted is named in the refusal (UTF-32, a broken UTF-16)', async () => {
    const utf32 = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0, 0]),
      Buffer.from(
        key
          .toString('hex')
          .split('')
          .map((c) => `${c}\0\0\0`)
          .join(''),
        'latin1',
      ),
    ]);
    const error = await load(utf32, 'SYMMETRIC_DEFAULT').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(
      /needs exactly 32 bytes.* The file starts like UTF-32LE with byte-order mark text/,
    );
    expect((error as AppError).hint).toMatch(/Set-Content -Encoding ascii/);
    const odd = Buffer.concat([powershell(key.toString('hex')), Buffer.from([0x41])]);
    const broken = await load(odd, 'SYMMETRIC_DEFAULT').catch((e: unknown) => e);
    expect((broken as AppError).message).toMatch(/UTF-16LE with byte-order mark text, .*odd number of bytes/);
  });
});

describe('passphrase files written by Windows tools', () => {
  it('an encrypted PKCS#8 whose passphrase file is UTF-16LE + BOM + CRLF decrypts, the conversion reported', async () => {
    const passFile = write('pass-utf16.txt', powershell('correct horse\n'));
    const notes: string[] = [];
    readPassphraseFile(passFile, notes).wipe();
    expect(notes).toEqual([
      expect.stringMatching(
        /^The passphrase file is UTF-16LE with byte-order mark text .*SHA-256 [0-9a-f]{64}; converted: 15 bytes\)\.$/,
      ),
    ]);
    expect(notes[0]).not.toContain('correct horse');
    const { loaded, material } = await load(Buffer.from(encryptedPem), 'RSA_2048', passFile);
    expect(material.equals(createPrivateKey(rsa.privateKey).export({ type: 'pkcs8', format: 'der' }))).toBe(
      true,
    );
    expect(loaded.formatFound).toBe('encrypted PKCS#8 PEM');
  });

  it('a non-ASCII passphrase in UTF-16 becomes its UTF-8 bytes', async () => {
    const pem = createPrivateKey(rsa.privateKey)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pässwörd 🔑' })
      .toString();
    const passFile = write('pass-unicode.txt', powershell('pässwörd 🔑\n'));
    await expect(load(Buffer.from(pem), 'RSA_2048', passFile)).resolves.toBeDefined();
  });

  it('a passphrase file that cannot be converted is refused naming its encoding', () => {
    const passFile = write(
      'pass-utf32.txt',
      Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), Buffer.from('\0\0\0a')]),
    );
    expect(() => readPassphraseFile(passFile)).toThrow(
      /passphrase file is UTF-32BE with byte-order mark text/,
    );
    const lone = write(
      'pass-lone.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x61, 0, 0x00, 0xd8])]),
    );
    expect(() => readPassphraseFile(lone)).toThrow(/lone surrogate/);
  });
});
