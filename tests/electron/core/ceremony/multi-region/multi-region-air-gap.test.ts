/**
 * A multi-Region key across the air gap (issue 13, spec §4.4): one parameters bundle carries the primary's
 * and every replica's public key, the offline station confirms each fingerprint and wraps the same
 * material for each Region, one wrapped bundle carries every Region's EncryptedKeyMaterial, and the online
 * station imports Region by Region, each approved and proven. The case: material expired everywhere, the
 * officers reimport their kept copy into all three Regions from an air-gapped station.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../electron/core/errors';
import type { RunningEmulator } from '../../../../../electron/core/emulator';
import { createStationServices } from '../../../../../electron/main/services';
import { daysAhead, expiredMultiRegionKey } from '../../emulator/helpers';
import { approveAndImport, people } from '../helpers';

let root: string;
let online: ReturnType<typeof createStationServices>;
let offline: ReturnType<typeof createStationServices>;
let emulator: RunningEmulator;
beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mr-air-gap-'));
  online = createStationServices(path.join(root, 'online'));
  offline = createStationServices(path.join(root, 'offline'));
  emulator = (await online.emulator.get()).running;
});
afterAll(async () => {
  await online.close();
  await offline.close();
  rmSync(root, { recursive: true, force: true });
});

async function refused(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).hint).not.toBe('');
  return error as AppError;
}

describe('multi-Region key across the air gap', () => {
  it('one bundle each way carries every Region; each Region is confirmed, wrapped, approved, imported and proven', async () => {
    const material = randomBytes(32);
    const keyId = await expiredMultiRegionKey(emulator, material, ['eu-west-1', 'sa-east-1']);
    const media = mkdtempSync(path.join(root, 'usb-'));

    // Online: the primary's parameters, then each replica's own.
    await online.session.startCeremony({ station: 'online', ...people, resumeCeremonyId: null });
    await online.session.connect({ target: 'emulator' });
    await online.session.describeKey(keyId);
    await online.session.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    const notReplicated = await refused(
      online.session.fetchOtherRegionParameters(['eu-west-1', 'ap-south-1']),
      'REGION_NOT_REPLICATED',
    );
    expect(notReplicated.message).toBe(`ap-south-1 holds no replica of ${keyId}.`);
    expect(online.session.airGapRegions()).toEqual([]); // all or none
    const traversal = await refused(online.session.fetchOtherRegionParameters(['../../etc']), 'BAD_REGION');
    expect(traversal.message).toBe('"../../etc" is not a Region name.');
    const regions = await online.session.fetchOtherRegionParameters(['eu-west-1', 'sa-east-1']);
    expect(regions.map((r) => r.region)).toEqual(['eu-west-1', 'sa-east-1']);
    const keys = new Set([
      online.session.state().parameters!.publicKey.sha256,
      ...regions.map((r) => r.publicKeySha256),
    ]);
    expect(keys.size).toBe(3); // each Region's own wrapping key
    const params = await online.session.exportParametersBundle(media);
    expect(readdirSync(params.path).sort()).toEqual([
      'README.txt',
      'WrappingPublicKey.bin',
      'WrappingPublicKey.eu-west-1.bin',
      'WrappingPublicKey.sa-east-1.bin',
      'manifest.json',
    ]);

    // Offline: every fingerprint confirmed, the kept material wrapped for each Region.
    await offline.session.startCeremony({
      station: 'offline',
      ...people,
      resumeCeremonyId: null,
      parametersInput: { path: params.path, keySpec: null, wrappingAlgorithm: null },
    });
    expect(offline.session.state().parametersSource!.warnings.join(' ')).toContain(
      'also carries the import parameters of eu-west-1, sa-east-1',
    );
    const witness = people.witnesses[0]!;
    await offline.session.confirmFingerprint({
      witness,
      heardWords: online.session.state().parameters!.publicKey.words.join(' '),
    });
    const file = path.join(root, 'kept-material.bin');
    writeFileSync(file, material, { mode: 0o600 });
    await offline.session.loadKeyMaterial(file, 'raw', null);
    await offline.session.wrap();
    await refused(offline.session.wrapOtherRegions(), 'REGION_FINGERPRINT_UNCONFIRMED');
    await refused(offline.session.exportWrappedBundle(media), 'NOT_WRAPPED');
    const swapped = await offline.session.confirmRegionFingerprint('eu-west-1', {
      witness,
      heardWords: regions[1]!.words.join(' '), // sa-east-1's words read for eu-west-1
    });
    expect(swapped.matched).toBe(false);
    for (const r of regions)
      expect(
        await offline.session.confirmRegionFingerprint(r.region, { witness, heardWords: r.words.join(' ') }),
      ).toMatchObject({ matched: true });
    const wrappedRegions = await offline.session.wrapOtherRegions();
    expect(wrappedRegions.every((r) => r.wrappedSha256 !== null)).toBe(true);
    const wrapped = await offline.session.exportWrappedBundle(media);
    expect(readdirSync(wrapped.path)).toContain('EncryptedKeyMaterial.sa-east-1.bin');
    await offline.session.finishCeremony('completed', 'wrapped for every Region');

    // A bundle missing one Region's material is refused before anything is merged or sent.
    const damaged = path.join(root, 'damaged-wrapped');
    cpSync(wrapped.path, damaged, { recursive: true });
    rmSync(path.join(damaged, 'EncryptedKeyMaterial.eu-west-1.bin'));
    await refused(online.session.loadWrappedBundle(damaged), 'BAD_BUNDLE');

    // Online: the primary, then each replica; every Region ends with the same KeyMaterialId.
    await online.session.loadWrappedBundle(wrapped.path);
    const expiry = {
      expirationModel: 'KEY_MATERIAL_EXPIRES' as const,
      validTo: daysAhead(emulator, 90).toISOString(),
    };
    const primary = await approveAndImport(online.session, expiry);
    for (const r of regions) {
      const key = await online.session.useAirGapRegion(r.region);
      expect(key.arn).toContain(`:${r.region}:`);
      const imported = await approveAndImport(online.session, expiry);
      expect(imported.keyMaterialId).toBe(primary.keyMaterialId);
      await online.session.proveRegion();
    }
    const status = await online.session.multiRegionStatus();
    expect(status.map((r) => [r.region, r.keyState, r.done])).toEqual([
      ['us-east-1', 'Enabled', true],
      ['eu-west-1', 'Enabled', true],
      ['sa-east-1', 'Enabled', true],
    ]);
    await online.session.finishCeremony('completed', 'reimported into every Region across the air gap');
  }, 90_000);

  // The other Regions' tokens were issued for one wrapping algorithm; the bundle names one for every Region.
  // Fetching the first Region's parameters again with another algorithm must not carry the older Regions
  // across under the new name (the offline station would wrap them with an algorithm their tokens were not
  // issued for, and KMS would refuse them only after the first Region was imported).
  it('refuses to write a bundle whose other Regions were fetched for another wrapping algorithm', async () => {
    const keyId = await expiredMultiRegionKey(emulator, randomBytes(32), ['eu-west-1']);
    const media = mkdtempSync(path.join(root, 'usb-'));
    await online.session.startCeremony({ station: 'online', ...people, resumeCeremonyId: null });
    await online.session.connect({ target: 'emulator' });
    await online.session.describeKey(keyId);
    await online.session.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await online.session.fetchOtherRegionParameters(['eu-west-1']);
    await online.session.getImportParameters('RSAES_OAEP_SHA_1', 'RSA_2048');
    const stale = await refused(online.session.exportParametersBundle(media), 'BUNDLE_MISMATCH');
    expect(stale.message).toContain('eu-west-1');
    expect(stale.message).toContain('RSAES_OAEP_SHA_256');
    expect(readdirSync(media)).toEqual([]);
    await online.session.fetchOtherRegionParameters(['eu-west-1']);
    const params = await online.session.exportParametersBundle(media);
    expect(readdirSync(params.path)).toContain('WrappingPublicKey.eu-west-1.bin');
    await online.session.finishCeremony('aborted', 'test');
  }, 90_000);

  // Material changed on the offline station after the other Regions were wrapped: their blobs hold the old
  // material, so the wrapped bundle must not carry them beside the new one (KMS would refuse the replicas
  // only after the first Region had taken the new material).
  it('other Regions wrapped with earlier material are not carried beside new material', async () => {
    const keyId = await expiredMultiRegionKey(emulator, randomBytes(32), ['eu-west-1']);
    const media = mkdtempSync(path.join(root, 'usb-'));
    await online.session.startCeremony({ station: 'online', ...people, resumeCeremonyId: null });
    await online.session.connect({ target: 'emulator' });
    await online.session.describeKey(keyId);
    await online.session.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    const [eu] = await online.session.fetchOtherRegionParameters(['eu-west-1']);
    const params = await online.session.exportParametersBundle(media);
    await online.session.finishCeremony('aborted', 'test');

    await offline.session.startCeremony({
      station: 'offline',
      ...people,
      resumeCeremonyId: null,
      parametersInput: { path: params.path, keySpec: null, wrappingAlgorithm: null },
    });
    const witness = people.witnesses[0]!;
    await offline.session.confirmFingerprint({ witness, heardWords: null });
    await offline.session.confirmRegionFingerprint('eu-west-1', { witness, heardWords: eu!.words.join(' ') });
    const load = async (name: string, replace = false) => {
      const file = path.join(media, name);
      writeFileSync(file, randomBytes(32), { mode: 0o600 });
      await offline.session.loadKeyMaterial(file, 'raw', null, { replace });
    };
    await load('first.bin');
    await offline.session.wrap();
    await offline.session.wrapOtherRegions();
    await load('second.bin', true);
    await offline.session.wrap();
    await refused(offline.session.exportWrappedBundle(media), 'NOT_WRAPPED');
    expect(offline.session.airGapRegions()[0]!.wrappedSha256).toBeNull();
    await offline.session.finishCeremony('aborted', 'test');
  }, 90_000);
});
