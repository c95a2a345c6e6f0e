/**
 * An air-gapped ceremony through two stations' services (each with its own data folder, station key and
 * transcript), the bundles crossing the gap on "removable media" (a folder), against the real emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStationServices } from '../../../../electron/main/services';
import { verifyTranscript } from '../../../../electron/core/transcript';
import { viewTranscript, vouchedSegmentKeys } from '../../../../electron/core/ceremony/audit';
import { approveAndImport } from './helpers';

let root: string;
let online: ReturnType<typeof createStationServices>;
let offline: ReturnType<typeof createStationServices>;
const inDays = (days: number, from: Date) => new Date(from.getTime() + days * 86_400_000).toISOString();
const names = { operator: 'Ada Officer', witnesses: ['Wes Witness'] };

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'air-gap-'));
  online = createStationServices(path.join(root, 'online'));
  offline = createStationServices(path.join(root, 'offline'));
});
afterAll(async () => {
  await online.close();
  await offline.close();
  rmSync(root, { recursive: true, force: true });
});

async function onlineUntilParameters(keySpec: string, keyUsage: string, media: string) {
  await online.session.startCeremony({ station: 'online', ...names, resumeCeremonyId: null });
  await online.session.connect({ target: 'emulator' });
  await online.session.createKey({
    keySpec,
    keyUsage,
    description: 'air gap',
    alias: null,
    multiRegion: false,
  });
  await online.session.getImportParameters(
    keySpec.startsWith('RSA') ? 'RSA_AES_KEY_WRAP_SHA_256' : 'RSAES_OAEP_SHA_256',
    'RSA_3072',
  );
  return online.session.exportParametersBundle(media);
}

async function offlineWrap(bundleDir: string, media: string) {
  const started = await offline.session.startCeremony({
    station: 'offline',
    ...names,
    resumeCeremonyId: null,
    parametersInput: { path: bundleDir, keySpec: null, wrappingAlgorithm: null },
  });
  expect(started.ceremonyId).toBe(online.session.ceremony()!.ceremonyId);
  const loaded = {
    keySpec: offline.session.state().key!.keySpec,
    parameters: offline.session.state().parameters!,
  };
  // The offline wizard shows where the parameters came from and every fix (none for an intact bundle).
  expect(offline.session.state().parametersSource).toEqual({
    source: 'parameters-bundle',
    fixes: [],
    warnings: [],
  });
  expect(online.session.state().parametersSource).toBeNull();
  const words = online.session.state().parameters!.publicKey.words.join(' ');
  expect(
    await offline.session.confirmFingerprint({ witness: 'Wes Witness', heardWords: words }),
  ).toMatchObject({ matched: true });
  const material = await offline.session.generateKeyMaterial();
  await offline.session.wrap();
  const written = await offline.session.exportWrappedBundle(media);
  await offline.session.finishCeremony('completed', 'wrapped bundle handed to the online station');
  return { loaded, material, written };
}

/** A parameters bundle from a separate, finished online ceremony (its own ceremony id). */
async function onlineOtherCeremonyBundle(): Promise<string> {
  const other = createStationServices(mkdtempSync(path.join(root, 'other-online-')));
  try {
    await other.session.startCeremony({ station: 'online', ...names, resumeCeremonyId: null });
    await other.session.connect({ target: 'emulator' });
    await other.session.createKey({
      keySpec: 'HMAC_384',
      keyUsage: 'GENERATE_VERIFY_MAC',
      description: '',
      alias: null,
      multiRegion: false,
    });
    await other.session.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    const written = await other.session.exportParametersBundle(mkdtempSync(path.join(root, 'usb-')));
    await other.session.finishCeremony('aborted', 'test bundle only');
    return written.path;
  } finally {
    await other.close();
  }
}

describe('air-gapped ceremony across two stations', () => {
  it.each([
    ['SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT'],
    ['HMAC_256', 'GENERATE_VERIFY_MAC'],
    ['ECC_NIST_P384', 'SIGN_VERIFY'],
  ])(
    '%s: parameters out, wrapped material back, imported, proven against the offline check value',
    async (keySpec, keyUsage) => {
      const media = mkdtempSync(path.join(root, 'usb-'));
      const params = await onlineUntilParameters(keySpec, keyUsage, media);
      const { loaded, material, written } = await offlineWrap(params.path, media);
      expect(loaded.keySpec).toBe(keySpec);
      expect(loaded.parameters.publicKey.sha256).toBe(online.session.state().parameters!.publicKey.sha256);
      expect(offline.session.state().connection).toBeNull();

      const wrapped = await online.session.loadWrappedBundle(written.path);
      expect(wrapped.checkValue.value).toBe(material.checkValue.value);
      expect(online.session.state().material).toBeNull(); // the online station never holds the material
      await approveAndImport(online.session, {
        expirationModel: 'KEY_MATERIAL_EXPIRES',
        validTo: inDays(90, new Date()),
      });
      const verification = await online.session.verify();
      expect(verification.passed).toBe(true);
      const info = await online.session.finishCeremony('completed', 'imported and verified');

      const text = readFileSync(info.transcriptPath, 'utf8');
      const offlineKey = await offline.station.key();
      const onlineKey = await online.station.key();
      const result = verifyTranscript(text, {
        trustedKeys: [onlineKey.publicKeyPem, offlineKey.publicKeyPem],
      });
      expect(result).toMatchObject({ intact: true, complete: true });
      // The in-app viewer pins its own key; the offline key comes from the merge event that key signed.
      expect(vouchedSegmentKeys(text, onlineKey.keyId).map((k) => k.trim())).toEqual([
        offlineKey.publicKeyPem.trim(),
      ]);
      // Merge events signed by any other station vouch for nothing.
      expect(vouchedSegmentKeys(text, offlineKey.keyId)).toEqual([]);
      expect(viewTranscript(text, [onlineKey.publicKeyPem]).verification.intact).toBe(false);
      const pinned = [onlineKey.publicKeyPem, ...vouchedSegmentKeys(text, onlineKey.keyId)];
      expect(viewTranscript(text, pinned).verification.intact).toBe(true);
      const view = viewTranscript(text);
      const actions = view.events.map((e) => `${e.offline ? 'offline:' : ''}${e.action}`);
      for (const action of [
        'ceremony.started',
        'parameters.fetched',
        'bundle.written',
        'transcript.segment-merged',
        'offline:material.generated',
        'offline:fingerprint.confirmed',
        'offline:material.wrapped',
        'material.imported',
        'import.verified',
        'ceremony.completed',
      ]) {
        expect(actions).toContain(action);
      }
      expect(text).not.toMatch(/"(material|plaintext|passphrase)"/);
    },
  );

  it('refuses a wrapped bundle made for other parameters, and one whose token has expired', async () => {
    const media = mkdtempSync(path.join(root, 'usb-'));
    const params = await onlineUntilParameters('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', media);
    const { written } = await offlineWrap(params.path, media);
    // New parameters on the online station: the old wrapped bundle no longer belongs to them.
    await online.session.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_3072');
    await expect(online.session.loadWrappedBundle(written.path)).rejects.toMatchObject({
      code: 'BUNDLE_MISMATCH',
    });
    expect(online.session.state().wrapped).toBeNull();

    await online.session.finishCeremony('aborted', 'test');

    const media3 = mkdtempSync(path.join(root, 'usb-'));
    const params3 = await onlineUntilParameters('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', media3);
    const { written: written3 } = await offlineWrap(params3.path, media3);
    (await online.emulator.get()).running.advanceClock(25 * 3600);
    await expect(online.session.loadWrappedBundle(written3.path)).rejects.toMatchObject({
      code: 'PARAMETERS_EXPIRED',
    });
    await online.session.finishCeremony('aborted', 'token expired');
  });

  it('accepts a bundle copied through a Windows host (CRLF, base64) and reports each fix', async () => {
    const media = mkdtempSync(path.join(root, 'usb-'));
    const params = await onlineUntilParameters('HMAC_384', 'GENERATE_VERIFY_MAC', media);
    const mangled = path.join(media, 'mangled');
    mkdirSync(mangled);
    cpSync(params.path, mangled, { recursive: true });
    const pk = readFileSync(path.join(mangled, 'WrappingPublicKey.bin'));
    writeFileSync(path.join(mangled, 'WrappingPublicKey.bin'), `${pk.toString('base64')}\r\n`);
    writeFileSync(
      path.join(mangled, 'manifest.json'),
      readFileSync(path.join(mangled, 'manifest.json'), 'utf8').replace(/\n/g, '\r\n'),
    );
    await offline.session.startCeremony({
      station: 'offline',
      ...names,
      resumeCeremonyId: null,
      parametersInput: { path: params.path, keySpec: null, wrappingAlgorithm: null },
    });
    const loaded = await offline.session.loadParametersBundle({
      path: mangled,
      keySpec: null,
      wrappingAlgorithm: null,
    });
    expect(loaded.parameters.publicKey.sha256).toBe(online.session.state().parameters!.publicKey.sha256);
    expect(loaded.fixes.map((f) => f.file)).toEqual(
      expect.arrayContaining(['WrappingPublicKey.bin', 'manifest.json']),
    );
    const other = await onlineOtherCeremonyBundle();
    await expect(
      offline.session.loadParametersBundle({ path: other, keySpec: null, wrappingAlgorithm: null }),
    ).rejects.toMatchObject({ code: 'BUNDLE_MISMATCH' });
    await offline.session.finishCeremony('aborted', 'test');
    await online.session.finishCeremony('aborted', 'test');
  });

  it('keeps the offline station off the network, and starts it only from import parameters', async () => {
    await expect(
      offline.session.startCeremony({ station: 'offline', ...names, resumeCeremonyId: null }),
    ).rejects.toMatchObject({ code: 'NEEDS_PARAMETERS' });
    const bundle = await onlineOtherCeremonyBundle();
    await offline.session.startCeremony({
      station: 'offline',
      ...names,
      resumeCeremonyId: null,
      parametersInput: { path: bundle, keySpec: null, wrappingAlgorithm: null },
    });
    await expect(offline.session.connect({ target: 'emulator' })).rejects.toMatchObject({
      code: 'OFFLINE_STATION',
    });
    await offline.session.finishCeremony('aborted', 'test');
  });
});
