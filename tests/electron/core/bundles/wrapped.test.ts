import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readWrappedBundle,
  wrappedSizeRule,
  writeWrappedBundle,
  type WrappedBundleInput,
} from '../../../../electron/core/bundles';
import {
  loadOrCreateStationKey,
  openTranscript,
  transcriptPath,
  verifyTranscript,
  type StationKey,
} from '../../../../electron/core/transcript';
import { tempDir } from '../transcript/fixtures';
import {
  ARN,
  CEREMONY_ID,
  VALID_TO,
  ceremonyHeader,
  crlf,
  powershellOut,
  rsaPublicKeyDer,
  sha256,
} from './helpers';

const ceremonyId = CEREMONY_ID;
const validTo = VALID_TO;
const beforeExpiry = new Date('2026-11-28T12:00:00.000Z');
const names = { operator: 'Alice', witnesses: ['Wendy'] };

async function offlineSegment(dir: string): Promise<{ key: StationKey; text: string }> {
  const key = await loadOrCreateStationKey(path.join(dir, 'offline-key'));
  const t = await openTranscript(transcriptPath(path.join(dir, 'offline'), ceremonyId, 'offline'), {
    station: 'offline',
    ceremonyId,
    stationKey: key,
    ...names,
  });
  await t.append({
    action: 'parameters.read',
    keyArn: ARN,
    details: { publicKeySha256: sha256(rsaPublicKeyDer()) },
  });
  await t.append({ action: 'material.wrapped', keyArn: ARN, details: { checkValue: 'A1B2C3' } });
  await t.close();
  return { key, text: await fs.readFile(t.path, 'utf8') };
}

async function bundle(as: 'folder' | 'zip' = 'folder') {
  const dir = tempDir('kms-wrapped-');
  const { key, text } = await offlineSegment(dir);
  const input: WrappedBundleInput = {
    ...ceremonyHeader(),
    importTokenSha256: 'c'.repeat(64),
    encryptedKeyMaterial: randomBytes(256),
    checkValue: { kind: 'AES-CMAC', value: 'A1B2C3', legacyEcbKcv: '0F1E2D' },
    transcriptSegment: text,
  };
  const target = path.join(dir, as === 'zip' ? 'wrapped.zip' : 'wrapped');
  await writeWrappedBundle(target, input, { as });
  return { dir, target, input, key };
}

const expected = { expectedPublicKeySha256: sha256(rsaPublicKeyDer()), now: beforeExpiry };

describe('wrapped bundle (offline → online)', () => {
  it.each(['folder', 'zip'] as const)('round-trips as a %s with the transcript segment', async (as) => {
    const { target, input, key } = await bundle(as);
    const read = await readWrappedBundle(target, { ...expected, trustedKeys: [key.publicKey] });
    expect(read.encryptedKeyMaterial.equals(Buffer.from(input.encryptedKeyMaterial))).toBe(true);
    expect(read.manifest).toMatchObject({
      format: 'kms-ceremony/wrapped-bundle',
      version: 1,
      keyArn: ARN,
      checkValue: { kind: 'AES-CMAC', value: 'A1B2C3' },
      parameters: { publicKeySha256: sha256(rsaPublicKeyDer()) },
      transcript: { events: 3, stationKeyId: key.keyId },
    });
    expect(read.transcriptSegment).toBe(input.transcriptSegment);
    expect(read.segment).toMatchObject({ intact: true, events: 3, station: 'offline', trusted: true });
  });

  it('refuses a bundle made for other parameters (public key mismatch)', async () => {
    const { target } = await bundle();
    await expect(
      readWrappedBundle(target, { ...expected, expectedPublicKeySha256: 'd'.repeat(64) }),
    ).rejects.toMatchObject({
      code: 'BUNDLE_MISMATCH',
      message: expect.stringMatching(/made for wrapping public key/),
    });
  });

  it('refuses a bundle naming another import token', async () => {
    const { target } = await bundle();
    await expect(
      readWrappedBundle(target, { ...expected, expectedImportTokenSha256: 'e'.repeat(64) }),
    ).rejects.toMatchObject({ code: 'BUNDLE_MISMATCH' });
  });

  it('refuses a bundle whose token has expired, at and after ParametersValidTo', async () => {
    const { target } = await bundle();
    for (const now of [new Date(validTo), new Date('2026-12-01T00:00:00Z')]) {
      await expect(readWrappedBundle(target, { ...expected, now })).rejects.toMatchObject({
        code: 'TOKEN_EXPIRED',
      });
    }
  });

  it.each([
    [
      'EncryptedKeyMaterial.bin as base64',
      'EncryptedKeyMaterial.bin',
      (b: Buffer) => Buffer.from(b.toString('base64')),
    ],
    [
      'EncryptedKeyMaterial.bin as UTF-16 base64 (PowerShell)',
      'EncryptedKeyMaterial.bin',
      (b: Buffer) => powershellOut(`${b.toString('base64')}\n`),
    ],
    [
      'EncryptedKeyMaterial.bin as hex with CRLF',
      'EncryptedKeyMaterial.bin',
      (b: Buffer) => crlf(`${b.toString('hex')}\n`),
    ],
    ['manifest.json with CRLF', 'manifest.json', (b: Buffer) => crlf(b.toString('utf8'))],
    ['manifest.json as UTF-16', 'manifest.json', (b: Buffer) => powershellOut(b.toString('utf8'))],
    [
      'transcript-offline.jsonl with CRLF',
      'transcript-offline.jsonl',
      (b: Buffer) => crlf(b.toString('utf8')),
    ],
    [
      'transcript-offline.jsonl as UTF-16',
      'transcript-offline.jsonl',
      (b: Buffer) => powershellOut(b.toString('utf8')),
    ],
  ])('accepts %s, reporting the fix', async (_n, file, mangle) => {
    const { target, input } = await bundle();
    await fs.writeFile(path.join(target, file), mangle(await fs.readFile(path.join(target, file))));
    const read = await readWrappedBundle(target, expected);
    expect(read.encryptedKeyMaterial.equals(Buffer.from(input.encryptedKeyMaterial))).toBe(true);
    expect(read.files.find((f) => f.name === file)!.fixes.length).toBeGreaterThan(0);
  });

  it('refuses wrapped material changed in transit, or of the wrong size', async () => {
    const { target } = await bundle();
    const file = path.join(target, 'EncryptedKeyMaterial.bin');
    const original = await fs.readFile(file);
    const flipped = Buffer.from(original);
    flipped[10] = (flipped[10] as number) ^ 1;
    await fs.writeFile(file, flipped);
    await expect(readWrappedBundle(target, expected)).rejects.toMatchObject({ code: 'BUNDLE_CORRUPT' });
    await fs.writeFile(file, original.subarray(0, 200));
    await expect(readWrappedBundle(target, expected)).rejects.toThrow(
      /has 200 bytes; expected exactly 256 bytes/,
    );
  });

  it('refuses a bundle whose transcript was edited (even with a matching manifest hash)', async () => {
    const { target } = await bundle();
    const tfile = path.join(target, 'transcript-offline.jsonl');
    const edited = (await fs.readFile(tfile, 'utf8')).replace('A1B2C3', 'FFFFFF');
    await fs.writeFile(tfile, edited);
    await expect(readWrappedBundle(target, expected)).rejects.toMatchObject({ code: 'BUNDLE_CORRUPT' });
    const mfile = path.join(target, 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(mfile, 'utf8'));
    manifest.transcript.sha256 = sha256(Buffer.from(edited));
    await fs.writeFile(mfile, JSON.stringify(manifest));
    await expect(readWrappedBundle(target, expected)).rejects.toMatchObject({ code: 'SEGMENT_NOT_INTACT' });
  });

  it('refuses a transcript cut short, by the head recorded in the manifest', async () => {
    const { target } = await bundle();
    const tfile = path.join(target, 'transcript-offline.jsonl');
    const lines = (await fs.readFile(tfile, 'utf8')).split('\n');
    const cut = `${lines.slice(0, -2).join('\n')}\n`;
    await fs.writeFile(tfile, cut);
    const mfile = path.join(target, 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(mfile, 'utf8'));
    manifest.transcript.sha256 = sha256(Buffer.from(cut));
    await fs.writeFile(mfile, JSON.stringify(manifest));
    await expect(readWrappedBundle(target, expected)).rejects.toThrow(/recorded head is event 3/);
  });

  it('refuses to write over an existing bundle, or with material of an impossible size', async () => {
    const { target, input } = await bundle();
    await expect(writeWrappedBundle(target, input)).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    await expect(
      writeWrappedBundle(path.join(tempDir(), 'w'), { ...input, encryptedKeyMaterial: randomBytes(255) }),
    ).rejects.toMatchObject({ code: 'BAD_WRAPPED' });
  });

  it('the online station merges the segment so both chains verify with both station keys', async () => {
    const { dir, target, key: offlineKey } = await bundle();
    const read = await readWrappedBundle(target, expected);
    const onlineKey = await loadOrCreateStationKey(path.join(dir, 'online-key'));
    const online = await openTranscript(transcriptPath(path.join(dir, 'online'), ceremonyId, 'online'), {
      station: 'online',
      ceremonyId,
      stationKey: onlineKey,
      ...names,
    });
    const merged = await online.mergeSegment(read.transcriptSegment, {
      trustedKeys: [offlineKey.publicKey],
      details: { encryptedKeyMaterialSha256: read.manifest.encryptedKeyMaterial.sha256 },
    });
    await online.close();
    expect(merged.event.segment).toMatchObject({
      station: 'offline',
      events: 3,
      stationKeyId: offlineKey.keyId,
    });
    const result = verifyTranscript(await fs.readFile(online.path), {
      trustedKeys: [onlineKey.publicKey, offlineKey.publicKey],
    });
    expect(result).toMatchObject({
      intact: true,
      events: 2,
      segments: [{ carriedBy: 2, station: 'offline', events: 3 }],
    });
  });

  it('knows the sizes each wrapping algorithm produces', () => {
    const oaep = wrappedSizeRule('RSAES_OAEP_SHA_256', 'RSA_4096');
    expect([512, 511, 513].map(oaep.ok)).toEqual([true, false, false]);
    const hybrid = wrappedSizeRule('RSA_AES_KEY_WRAP_SHA_256', 'RSA_3072');
    // RSA-3072 block (384) + RFC 5649 output of a PKCS#8 key (a multiple of 8, at least 16).
    expect([384 + 1224, 384 + 16, 384 + 1225, 384].map(hybrid.ok)).toEqual([true, true, false, false]);
  });
});

describe('wrapped bundle of a multi-Region key (every Region, one bundle)', () => {
  const euKey = rsaPublicKeyDer();
  // Fetched an hour before the primary's parameters: its token expires an hour earlier.
  const euValidTo = new Date(new Date(validTo).getTime() - 3600_000).toISOString();
  async function multi() {
    const dir = tempDir('kms-wrapped-');
    const { text } = await offlineSegment(dir);
    const eu = randomBytes(256);
    const target = path.join(dir, 'wrapped');
    await writeWrappedBundle(target, {
      ...ceremonyHeader(),
      importTokenSha256: 'c'.repeat(64),
      encryptedKeyMaterial: randomBytes(256),
      checkValue: { kind: 'AES-CMAC', value: 'A1B2C3' },
      transcriptSegment: text,
      otherRegions: [
        {
          region: 'eu-west-1',
          keyArn: ARN,
          parametersValidTo: euValidTo,
          publicKey: euKey,
          importTokenSha256: 'f'.repeat(64),
          encryptedKeyMaterial: eu,
        },
      ],
    });
    return { target, eu };
  }
  const euExpected = {
    region: 'eu-west-1',
    publicKeySha256: sha256(euKey),
    importTokenSha256: 'f'.repeat(64),
  };

  it("returns each Region's EncryptedKeyMaterial, bound to that Region's parameters", async () => {
    const { target, eu } = await multi();
    const read = await readWrappedBundle(target, { ...expected, otherRegions: [euExpected] });
    expect(read.otherRegions).toEqual([
      { region: 'eu-west-1', keyArn: ARN, encryptedKeyMaterial: eu, sha256: sha256(eu) },
    ]);
  });

  it('refuses Regions other than those this station fetched, material for other parameters, or an expired Region', async () => {
    const { target } = await multi();
    await expect(readWrappedBundle(target, expected)).rejects.toMatchObject({
      code: 'BUNDLE_MISMATCH',
      message: expect.stringContaining(
        'other Regions eu-west-1, but this station fetched parameters for none',
      ),
    });
    await expect(
      readWrappedBundle(target, {
        ...expected,
        otherRegions: [{ ...euExpected, publicKeySha256: 'd'.repeat(64) }],
      }),
    ).rejects.toMatchObject({ code: 'BUNDLE_MISMATCH', message: expect.stringContaining('for eu-west-1') });
    await expect(
      readWrappedBundle(target, {
        ...expected,
        otherRegions: [{ ...euExpected, importTokenSha256: 'e'.repeat(64) }],
      }),
    ).rejects.toMatchObject({ code: 'BUNDLE_MISMATCH' });
    // Every Region's token expires on its own (each GetParametersForImport gave its own ParametersValidTo).
    await expect(
      readWrappedBundle(target, { ...expected, now: new Date(euValidTo), otherRegions: [euExpected] }),
    ).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', message: expect.stringContaining('for eu-west-1') });
  });

  it("refuses a Region's material changed in transit", async () => {
    const { target, eu } = await multi();
    eu[0] = eu[0]! ^ 0xff;
    await fs.writeFile(path.join(target, 'EncryptedKeyMaterial.eu-west-1.bin'), eu);
    await expect(
      readWrappedBundle(target, { ...expected, otherRegions: [euExpected] }),
    ).rejects.toMatchObject({
      code: 'BUNDLE_CORRUPT',
      message: expect.stringContaining('EncryptedKeyMaterial.eu-west-1.bin'),
    });
  });
});
