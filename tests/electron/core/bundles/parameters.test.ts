import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  parametersValidity,
  readParametersInput,
  writeParametersBundle,
  type ParametersBundleInput,
} from '../../../../electron/core/bundles';
import { publicKeyFingerprint } from '../../../../electron/core/fingerprint';
import { tempDir } from '../transcript/fixtures';
import {
  ARN,
  VALID_TO,
  ceremonyHeader,
  KEY_ID,
  crlf,
  otherRsaPublicKeyDer,
  powershellOut,
  rsaPublicKeyDer,
  sha256,
  toPem,
} from './helpers';

const token = randomBytes(1200);
const validTo = VALID_TO;

function input(): ParametersBundleInput {
  return {
    ...ceremonyHeader(),
    importToken: token,
    createdAt: new Date('2026-11-28T09:02:00.000Z'),
  };
}

async function readAll(dir: string): Promise<Buffer> {
  const names = await fs.readdir(dir);
  return Buffer.concat(await Promise.all(names.map((n) => fs.readFile(path.join(dir, n)))));
}

describe('parameters bundle (online → offline)', () => {
  it.each(['folder', 'zip'] as const)('round-trips as a %s, without the import token', async (as) => {
    const dir = tempDir('kms-bundle-');
    const target = path.join(dir, as === 'zip' ? 'params.zip' : 'params');
    const written = await writeParametersBundle(target, input(), { as });
    expect(written.files.map((f) => f.name).sort()).toEqual([
      'README.txt',
      'WrappingPublicKey.bin',
      'manifest.json',
    ]);
    const read = await readParametersInput(target);
    expect(read).toMatchObject({
      source: 'parameters-bundle',
      container: as,
      keyArn: ARN,
      keySpec: 'SYMMETRIC_DEFAULT',
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      wrappingKeySpec: 'RSA_2048',
      parametersValidTo: validTo,
      importTokenSha256: sha256(token),
      publicKeySha256: sha256(rsaPublicKeyDer()),
      ceremonyId: '20261128T090000Z-abc123',
      warnings: [],
    });
    expect(read.fingerprint).toEqual(publicKeyFingerprint(rsaPublicKeyDer()));
    expect(read.files.every((f) => f.fixes.length === 0)).toBe(true);
    const everything = as === 'zip' ? await fs.readFile(target) : await readAll(target);
    expect(everything.includes(token.subarray(0, 32))).toBe(false);
  });

  it('README shows the fingerprint as hex groups and PGP words', async () => {
    const target = path.join(tempDir('kms-bundle-'), 'p');
    await writeParametersBundle(target, input());
    const readme = await fs.readFile(path.join(target, 'README.txt'), 'utf8');
    const fp = publicKeyFingerprint(rsaPublicKeyDer());
    expect(readme).toContain(fp.hexGroups.slice(0, 8).join(' '));
    expect(readme).toContain(fp.words.slice(0, 8).join(' '));
    expect(readme).toContain(validTo);
  });

  it('never overwrites: an existing non-empty folder or an existing zip is refused and left as it was', async () => {
    const dir = tempDir('kms-bundle-');
    const folder = path.join(dir, 'p');
    await fs.mkdir(folder);
    await fs.writeFile(path.join(folder, 'keep.txt'), 'keep');
    await expect(writeParametersBundle(folder, input())).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect(await fs.readdir(folder)).toEqual(['keep.txt']);
    const zip = path.join(dir, 'p.zip');
    await fs.writeFile(zip, 'old');
    await expect(writeParametersBundle(zip, input(), { as: 'zip' })).rejects.toMatchObject({
      code: 'FILE_EXISTS',
    });
    expect(await fs.readFile(zip, 'utf8')).toBe('old');
  });

  it('refuses a bundle whose public key is not the one its manifest names', async () => {
    const target = path.join(tempDir('kms-bundle-'), 'p');
    await writeParametersBundle(target, input());
    await fs.writeFile(path.join(target, 'WrappingPublicKey.bin'), otherRsaPublicKeyDer());
    await expect(readParametersInput(target)).rejects.toMatchObject({ code: 'BUNDLE_CORRUPT' });
  });

  it.each([
    [
      'manifest.json saved by PowerShell (UTF-16LE, CRLF)',
      'manifest.json',
      (b: Buffer) => powershellOut(b.toString('utf8')),
    ],
    ['manifest.json with CRLF', 'manifest.json', (b: Buffer) => crlf(b.toString('utf8'))],
    ['README.txt with CRLF', 'README.txt', (b: Buffer) => crlf(b.toString('utf8'))],
    ['README.txt as UTF-16', 'README.txt', (b: Buffer) => powershellOut(b.toString('utf8'))],
    [
      'WrappingPublicKey.bin as base64',
      'WrappingPublicKey.bin',
      (b: Buffer) => Buffer.from(b.toString('base64')),
    ],
    [
      'WrappingPublicKey.bin as PEM with CRLF',
      'WrappingPublicKey.bin',
      (b: Buffer) => Buffer.from(toPem(b, '\r\n')),
    ],
    [
      'WrappingPublicKey.bin as UTF-16 base64',
      'WrappingPublicKey.bin',
      (b: Buffer) => powershellOut(b.toString('base64')),
    ],
  ])('reads the bundle with %s, reporting the fix', async (_n, file, mangle) => {
    const target = path.join(tempDir('kms-bundle-'), 'p');
    await writeParametersBundle(target, input());
    const original = await fs.readFile(path.join(target, file));
    await fs.writeFile(path.join(target, file), mangle(original));
    const read = await readParametersInput(target);
    expect(read.publicKeySha256).toBe(sha256(rsaPublicKeyDer()));
    expect(read.files.find((f) => f.name === file)!.fixes.length).toBeGreaterThan(0);
  });
});

const consoleReadme = `Wrapping public key and import token for KMS key ${ARN}
Wrapping algorithm: RSAES_OAEP_SHA_256
Wrapping key spec: RSA_2048
The wrapping public key and import token expire at 2026-11-29 09:02:00 UTC.
`;

describe('parameters bundle of a multi-Region key (every Region, one bundle)', () => {
  const euKey = otherRsaPublicKeyDer();
  const multi = (): ParametersBundleInput => ({
    ...input(),
    otherRegions: [
      {
        region: 'eu-west-1',
        keyArn: ARN.replace(':eu-west-1:', ':eu-west-1:'),
        parametersValidTo: validTo,
        publicKey: euKey,
        importToken: randomBytes(1200),
      },
    ],
  });

  it("carries each Region's public key (no token), read back with its own fingerprint", async () => {
    const target = path.join(tempDir('kms-bundle-'), 'p');
    const written = await writeParametersBundle(target, multi());
    expect(written.files.map((f) => f.name)).toContain('WrappingPublicKey.eu-west-1.bin');
    const read = await readParametersInput(target);
    expect(read.otherRegions).toHaveLength(1);
    expect(read.otherRegions[0]).toMatchObject({
      region: 'eu-west-1',
      publicKeySha256: sha256(euKey),
      fingerprint: { words: publicKeyFingerprint(euKey).words },
    });
    const readme = await fs.readFile(path.join(target, 'README.txt'), 'utf8');
    expect(readme).toContain('Region eu-west-1 (multi-Region key)');
    expect(readme).toContain(publicKeyFingerprint(euKey).words.slice(0, 8).join(' '));
  });

  it("refuses a Region's public key swapped in transit, or missing", async () => {
    const target = path.join(tempDir('kms-bundle-'), 'p');
    await writeParametersBundle(target, multi());
    await fs.writeFile(path.join(target, 'WrappingPublicKey.eu-west-1.bin'), rsaPublicKeyDer());
    await expect(readParametersInput(target)).rejects.toMatchObject({
      code: 'BUNDLE_CORRUPT',
      message: expect.stringContaining('for eu-west-1'),
    });
    await fs.rm(path.join(target, 'WrappingPublicKey.eu-west-1.bin'));
    await expect(readParametersInput(target)).rejects.toMatchObject({ code: 'BAD_BUNDLE' });
  });
});

describe('AWS console download', () => {
  it('reads Import_Parameters_<key id>_<time>.zip (current console)', async () => {
    const zip = path.join(tempDir('kms-console-'), `Import_Parameters_${KEY_ID}_20261128090200.zip`);
    await fs.writeFile(
      zip,
      zipSync({
        'WrappingPublicKey.bin': rsaPublicKeyDer(),
        'ImportToken.bin': token,
        'README.txt': Buffer.from(consoleReadme),
      }),
    );
    const read = await readParametersInput(zip);
    expect(read).toMatchObject({
      source: 'console-download',
      keyId: KEY_ID,
      keyArn: ARN,
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      wrappingKeySpec: 'RSA_2048',
      parametersValidTo: validTo,
      importTokenSha256: sha256(token),
      publicKeySha256: sha256(rsaPublicKeyDer()),
    });
    expect(read.warnings.join(' ')).toMatch(/includes the import token/);
  });

  it('reads the console zip after an OS re-zipped it into a folder (with __MACOSX noise)', async () => {
    const read = await readParametersInput(
      zipSync({
        'Import_Parameters_x/WrappingPublicKey.bin': rsaPublicKeyDer(),
        'Import_Parameters_x/ImportToken.bin': token,
        '__MACOSX/Import_Parameters_x/._WrappingPublicKey.bin': Buffer.from('junk'),
      }),
    );
    expect(read).toMatchObject({
      source: 'console-download',
      publicKeySha256: sha256(rsaPublicKeyDer()),
      wrappingAlgorithm: null,
    });
    expect(read.warnings.join(' ')).toMatch(/No wrapping algorithm found/);
  });

  it('hashes the real token when ImportToken.bin was saved as base64 text', async () => {
    const read = await readParametersInput(
      zipSync({
        'WrappingPublicKey.bin': rsaPublicKeyDer(),
        'ImportToken.bin': crlf(`${token.toString('base64')}\n`),
      }),
    );
    expect(read.importTokenSha256).toBe(sha256(token));
    expect(read.files.find((f) => f.name === 'ImportToken.bin')!.fixes.map((f) => f.what)).toEqual([
      'CRLF line endings removed',
      expect.stringMatching(/base64/),
    ]);
  });

  it('reads the legacy ImportParameters.zip (wrappingKey_/importToken_/README_ names)', async () => {
    const zip = path.join(tempDir('kms-console-'), 'ImportParameters.zip');
    await fs.writeFile(
      zip,
      zipSync({
        [`wrappingKey_${KEY_ID}_0809092909`]: rsaPublicKeyDer(),
        [`importToken_${KEY_ID}_0809092909`]: token,
        [`README_${KEY_ID}_0809092909.txt`]: crlf(consoleReadme),
      }),
    );
    const read = await readParametersInput(zip);
    expect(read).toMatchObject({
      source: 'console-download-legacy',
      keyId: KEY_ID,
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      parametersValidTo: validTo,
      importTokenSha256: sha256(token),
    });
  });

  it('reads the unzipped console files from a folder, the public key having passed through PowerShell', async () => {
    const dir = tempDir('kms-console-');
    await fs.writeFile(
      path.join(dir, 'WrappingPublicKey.bin'),
      powershellOut(rsaPublicKeyDer().toString('base64')),
    );
    await fs.writeFile(path.join(dir, 'ImportToken.bin'), token);
    const read = await readParametersInput(dir);
    expect(read.publicKeySha256).toBe(sha256(rsaPublicKeyDer()));
    expect(read.files.find((f) => f.name === 'WrappingPublicKey.bin')!.fixes.map((f) => f.what)).toEqual([
      expect.stringMatching(/UTF-16LE/),
      expect.stringMatching(/base64/),
    ]);
  });
});

describe('`aws kms get-parameters-for-import` JSON', () => {
  const json = (validToValue: string | number) =>
    `${JSON.stringify({ KeyId: ARN, ImportToken: token.toString('base64'), PublicKey: rsaPublicKeyDer().toString('base64'), ParametersValidTo: validToValue }, null, 4)}\n`;

  it.each([
    ['CLI v2 (ISO 8601 with offset)', Buffer.from(json('2026-11-29T09:02:00+00:00'))],
    ['CLI v1 (epoch seconds)', Buffer.from(json(Date.parse(validTo) / 1000))],
    ['saved by PowerShell `>` (UTF-16LE BOM, CRLF)', powershellOut(json('2026-11-29T10:02:00.000+01:00'))],
    ['with CRLF', crlf(json('2026-11-29T09:02:00Z'))],
  ])('reads %s', async (_n, bytes) => {
    const file = path.join(tempDir('kms-cli-'), 'params.json');
    await fs.writeFile(file, bytes);
    const read = await readParametersInput(file);
    expect(read).toMatchObject({
      source: 'cli-json',
      keyArn: ARN,
      parametersValidTo: validTo,
      importTokenSha256: sha256(token),
      publicKeySha256: sha256(rsaPublicKeyDer()),
      wrappingAlgorithm: null,
    });
  });

  it('refuses JSON that is not the CLI output', async () => {
    await expect(readParametersInput(Buffer.from('{"hello": 1}'))).rejects.toMatchObject({
      code: 'UNKNOWN_PARAMETERS',
    });
  });
});

describe('other inputs', () => {
  it('accepts a lone public key file, warning that the rest must be entered and confirmed', async () => {
    const read = await readParametersInput(Buffer.from(toPem(rsaPublicKeyDer())));
    expect(read).toMatchObject({
      source: 'public-key-file',
      keyArn: null,
      publicKeySha256: sha256(rsaPublicKeyDer()),
    });
    expect(read.warnings).toHaveLength(1);
  });

  it('refuses a folder of unrelated files, listing them', async () => {
    const dir = tempDir('kms-x-');
    await fs.writeFile(path.join(dir, 'a.txt'), 'a');
    await fs.writeFile(path.join(dir, 'b.txt'), 'b');
    await expect(readParametersInput(dir)).rejects.toThrow(/holds a.txt, b.txt/);
  });

  it('gives a countdown and refuses expired or too-short validity', () => {
    const now = new Date('2026-11-29T08:02:00.000Z');
    expect(parametersValidity(validTo, now)).toMatchObject({
      expired: false,
      remainingMs: 3_600_000,
      message: expect.stringMatching(/1 h 0 min left/),
    });
    expect(parametersValidity(validTo, now, 2 * 3_600_000)).toMatchObject({ expired: true });
    expect(parametersValidity(validTo, new Date('2026-11-29T09:02:00.000Z'))).toMatchObject({
      expired: true,
    });
  });
});
