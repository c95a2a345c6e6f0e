/**
 * The app's channels for a multi-Region key across the air gap, through the real `dispatch` (requests and
 * responses validated) on both stations against the emulator: the online station fetches each replica
 * Region's parameters one at a time (a refused Region changes nothing, the others are kept), the offline
 * station confirms each Region's fingerprint and wraps for every Region (refused, wrapping nothing, while a
 * Region is unconfirmed or its parameters have expired), and "Import into <Region>" continues with the
 * wrapped bundle's material; a Region that fails is reported for that Region and resumes later.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CancelKeyDeletionCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { CeremonySession } from '../../../../../electron/core/ceremony/session';
import type { AppError } from '../../../../../electron/core/errors';
import { dispatch } from '../../../../../electron/main/ipc/dispatch';
import { createHandlers } from '../../../../../electron/main/ipc/handlers/index';
import type {
  AirGapRegion,
  MultiRegionStatus,
  Result,
  SessionState,
} from '../../../../../electron/shared/ipc-contract';
import { daysAhead, expiredMultiRegionKey, type Harness } from '../../../core/emulator/helpers';
import { useEmulatorStation } from '../../../core/ceremony/emulator-station';
import { approveAndImport, people } from '../../../core/ceremony/helpers';
import { testContext } from '../../../helpers/main-context';

const { station, newSession } = useEmulatorStation('air-gap-regions-ipc');
let h: Harness;
beforeAll(() => {
  h = station.h;
});

/** A station's handler table around `session`. */
function stationOf(session: CeremonySession) {
  const handlers = createHandlers(testContext({ session }));
  const call = (channel: string, req: unknown = {}) => dispatch(handlers, channel, req);
  const state = async () => value<SessionState>(await call('session:state'));
  return { session, call, state };
}

/** The offline station: no KMS, its clock the emulator's (so a test can let parameters expire). */
const offlineSession = () =>
  new CeremonySession({
    emulator: () => Promise.reject(new Error('the offline station never starts an emulator')),
    transcriptsDir: path.join(station.dir, 'offline-transcripts'),
    stationKey: () => station.stationKey,
    now: () => h.emulator.now(),
  });

const value = <T>(r: Result<unknown>) => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
const refused = (r: Result<unknown>, code: string) => {
  expect(r).toMatchObject({
    ok: false,
    error: { code, message: expect.any(String), hint: expect.any(String) },
  });
  return r.ok ? '' : r.error.message;
};

const expiry = () => ({
  expirationModel: 'KEY_MATERIAL_EXPIRES' as const,
  validTo: daysAhead(h.emulator, 90).toISOString(),
});

/** Online: a multi-Region key with replicas (material expired everywhere), its primary's parameters. */
async function onlineWithParameters(material: Buffer, replicas: string[]) {
  const keyId = await expiredMultiRegionKey(h.emulator, material, replicas);
  const online = stationOf(newSession());
  await online.session.startCeremony({ station: 'online', ...people, resumeCeremonyId: null });
  await online.session.connect({ target: 'emulator' });
  await online.session.describeKey(keyId);
  value(
    await online.call('params:get', { wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' }),
  );
  return { ...online, keyId };
}

/** Offline: joins from the parameters bundle, confirms the first Region's fingerprint, wraps `material`. */
async function offlineWrapped(bundle: string, material: Buffer) {
  const offline = stationOf(offlineSession());
  await offline.session.startCeremony({
    station: 'offline',
    ...people,
    resumeCeremonyId: null,
    parametersInput: { path: bundle, keySpec: null, wrappingAlgorithm: null },
  });
  await offline.session.confirmFingerprint({ witness: people.witnesses[0]!, heardWords: null });
  const file = path.join(station.dir, `material-${randomBytes(4).toString('hex')}.bin`);
  writeFileSync(file, material, { mode: 0o600 });
  await offline.session.loadKeyMaterial(file, 'raw', null);
  await offline.session.wrap();
  return offline;
}

describe('multi-Region air-gap channels', () => {
  it('fetches Region by Region, confirms and wraps per Region, imports per Region; a failed Region resumes', async () => {
    const material = randomBytes(32);
    const online = await onlineWithParameters(material, ['eu-west-1', 'sa-east-1']);
    const media = mkdtempSync(path.join(station.dir, 'usb-'));

    // Online: one Region at a time; refusals name the Region and change nothing.
    refused(await online.call('airGap:fetchRegion', { region: '../../etc' }), 'BAD_REQUEST');
    refused(await online.call('airGap:fetchRegion', { region: 'eu-west-1', endpoint: 'x' }), 'BAD_REQUEST');
    const eu = value<AirGapRegion>(await online.call('airGap:fetchRegion', { region: 'eu-west-1' }));
    expect(eu).toMatchObject({ region: 'eu-west-1', wrappedSha256: null, fingerprintConfirmedBy: [] });
    expect(eu).not.toHaveProperty('importToken');
    const before = await online.state();
    expect(
      refused(await online.call('airGap:fetchRegion', { region: 'ap-south-1' }), 'REGION_NOT_REPLICATED'),
    ).toBe(`ap-south-1 holds no replica of ${online.keyId}.`);
    refused(await online.call('airGap:fetchRegion', { region: 'us-east-1' }), 'PRIMARY_REGION');
    expect(await online.state()).toEqual(before);
    const sa = value<AirGapRegion>(await online.call('airGap:fetchRegion', { region: 'sa-east-1' }));
    // Fetching a Region again replaces its parameters and keeps the others.
    const eu2 = value<AirGapRegion>(await online.call('airGap:fetchRegion', { region: 'eu-west-1' }));
    expect(eu2.publicKeySha256).not.toBe(eu.publicKeySha256);
    expect((await online.state()).airGapRegions.map((r) => [r.region, r.publicKeySha256]).sort()).toEqual(
      [
        ['eu-west-1', eu2.publicKeySha256],
        ['sa-east-1', sa.publicKeySha256],
      ].sort(),
    );
    const params = await online.session.exportParametersBundle(media);
    expect(readdirSync(params.path)).toEqual(
      expect.arrayContaining(['WrappingPublicKey.eu-west-1.bin', 'WrappingPublicKey.sa-east-1.bin']),
    );

    // Offline: the Regions shown without tokens; wrapping refused (nothing wrapped) until each is confirmed.
    const offline = await offlineWrapped(params.path, material);
    const loaded = await offline.state();
    expect(loaded.airGapRegions.map((r) => [r.region, r.publicKeySha256, r.words.length]).sort()).toEqual(
      [
        ['eu-west-1', eu2.publicKeySha256, 32],
        ['sa-east-1', sa.publicKeySha256, 32],
      ].sort(),
    );
    expect(loaded.parametersSource!.warnings.join(' ')).not.toMatch(/script/);
    const witness = people.witnesses[0]!;
    const confirm = (region: string, heardWords: string | null, who = witness) =>
      offline.call('airGap:confirmRegionFingerprint', { region, witness: who, heardWords });
    value(await confirm('eu-west-1', eu2.words.join(' ')));
    const unconfirmed = await offline.state();
    expect(refused(await offline.call('airGap:wrapRegions'), 'REGION_FINGERPRINT_UNCONFIRMED')).toBe(
      'No witness has confirmed the wrapping public key fingerprint for sa-east-1.',
    );
    expect(await offline.state()).toEqual(unconfirmed);
    expect(unconfirmed.airGapRegions.every((r) => r.wrappedSha256 === null)).toBe(true);
    refused(await confirm('ap-south-1', null), 'UNKNOWN_REGION');
    refused(await confirm('sa-east-1', null, people.operator), 'NOT_A_WITNESS');
    expect(value(await confirm('sa-east-1', eu2.words.join(' ')))).toMatchObject({ matched: false });
    expect(
      (await offline.state()).airGapRegions.find((r) => r.region === 'sa-east-1')!.fingerprintConfirmedBy,
    ).toEqual([]);
    expect(value(await confirm('sa-east-1', sa.words.join(' ')))).toMatchObject({ matched: true });
    // Another witness hearing other words for eu-west-1 voids its confirmation: nothing is wrapped.
    const other = people.witnesses[1]!;
    expect(value(await confirm('eu-west-1', sa.words.join(' '), other))).toMatchObject({ matched: false });
    refused(await offline.call('airGap:wrapRegions'), 'REGION_FINGERPRINT_UNCONFIRMED');
    expect((await offline.state()).airGapRegions.every((r) => r.wrappedSha256 === null)).toBe(true);
    expect(value(await confirm('eu-west-1', eu2.words.join(' '), other))).toMatchObject({ matched: true });
    const wrapped = value<AirGapRegion[]>(await offline.call('airGap:wrapRegions'));
    expect(wrapped.every((r) => /^[0-9a-f]{64}$/.test(r.wrappedSha256 ?? ''))).toBe(true);
    const bundle = await offline.session.exportWrappedBundle(media);
    await offline.session.finishCeremony('completed', 'wrapped for every Region');

    // Online: the primary as usual, then per Region through "Import into <Region>".
    await online.session.loadWrappedBundle(bundle.path);
    // Leaving the primary before its import would drop its token and material: refused, nothing changed.
    const loadedOnline = await online.state();
    refused(await online.call('multiRegion:useRegion', { region: 'eu-west-1' }), 'AIR_GAP_IMPORT_FIRST');
    expect(await online.state()).toEqual(loadedOnline);
    expect((await online.state()).airGapRegions.map((r) => r.wrappedSha256).sort()).toEqual(
      wrapped.map((r) => r.wrappedSha256).sort(),
    );
    const primary = await approveAndImport(online.session, expiry());
    await online.session.verify();

    // sa-east-1 cannot take an import now (its replica is pending deletion): refused in main for that
    // Region, and the Regions table (read from KMS) still reads every Region, showing why.
    const kms = new KMSClient({
      endpoint: h.emulator.endpoint,
      region: 'sa-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: online.keyId, PendingWindowInDays: 7 }));
    value(await online.call('multiRegion:useRegion', { region: 'sa-east-1' }));
    const inSa = await online.state();
    expect(inSa.multiRegion!.current).toBe('sa-east-1');
    expect(inSa.wrapped).toMatchObject({
      fromOfflineStation: true,
      sha256: sa.wrappedSha256 ?? expect.any(String),
    });
    const saFailure = await approveAndImport(online.session, expiry()).then(
      () => null,
      (e: AppError) => e,
    );
    expect(saFailure).toMatchObject({
      code: 'NOT_IMPORTABLE',
      message: 'The key is scheduled for deletion: no import is possible. Cancel the deletion first.',
    });

    // eu-west-1 goes on.
    value(await online.call('multiRegion:useRegion', { region: 'eu-west-1' }));
    const inEu = await online.state();
    expect(inEu.wrapped!.sha256).toBe(wrapped.find((r) => r.region === 'eu-west-1')!.wrappedSha256);
    expect((await approveAndImport(online.session, expiry())).keyMaterialId).toBe(primary.keyMaterialId);
    value(await online.call('multiRegion:prove'));
    let status = value<MultiRegionStatus>(await online.call('multiRegion:status'));
    expect(status.regions.map((r) => [r.region, r.keyState, r.done])).toEqual([
      ['us-east-1', 'Enabled', true],
      ['eu-west-1', 'Enabled', true],
      ['sa-east-1', 'PendingDeletion', false],
    ]);

    // Resumed: sa-east-1 back to PendingImport, its material from the same bundle.
    await kms.send(new CancelKeyDeletionCommand({ KeyId: online.keyId }));
    kms.destroy();
    value(await online.call('multiRegion:useRegion', { region: 'sa-east-1' }));
    expect((await approveAndImport(online.session, expiry())).keyMaterialId).toBe(primary.keyMaterialId);
    value(await online.call('multiRegion:prove'));
    status = value<MultiRegionStatus>(await online.call('multiRegion:status'));
    expect(status.regions.map((r) => [r.region, r.done])).toEqual([
      ['us-east-1', true],
      ['eu-west-1', true],
      ['sa-east-1', true],
    ]);
    await online.session.finishCeremony('completed', 'every Region across the air gap');
  }, 120_000);

  it('refuses to wrap for any Region once one Region’s parameters have expired, wrapping nothing', async () => {
    const material = randomBytes(32);
    const online = await onlineWithParameters(material, ['eu-west-1']);
    // eu-west-1's parameters are fetched first; the primary's again two hours later: eu-west-1 expires first.
    value(await online.call('airGap:fetchRegion', { region: 'eu-west-1' }));
    h.emulator.advanceClock(2 * 3600);
    value(
      await online.call('params:get', {
        wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
        wrappingKeySpec: 'RSA_2048',
      }),
    );
    const params = await online.session.exportParametersBundle(mkdtempSync(path.join(station.dir, 'usb-')));
    await online.session.finishCeremony('aborted', 'test');

    const offline = await offlineWrapped(params.path, material);
    const [eu] = (await offline.state()).airGapRegions;
    value(
      await offline.call('airGap:confirmRegionFingerprint', {
        region: 'eu-west-1',
        witness: people.witnesses[0]!,
        heardWords: eu!.words.join(' '),
      }),
    );
    h.emulator.advanceClock(23 * 3600); // past eu-west-1's ParametersValidTo, not the primary's
    const before = await offline.state();
    expect(before.wrapped).not.toBeNull();
    expect(refused(await offline.call('airGap:wrapRegions'), 'PARAMETERS_EXPIRED')).toMatch(
      /^The import parameters for eu-west-1 expired at /,
    );
    expect(await offline.state()).toEqual(before);
    await offline.session.finishCeremony('aborted', 'test');
  }, 120_000);
});
