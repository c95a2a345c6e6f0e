/**
 * The multi-Region ceremony through the session (issue 13, spec §4.4), in plain Node against the emulator:
 * a primary in us-east-1 and replicas in eu-west-1 and ap-southeast-2, each Region with its own parameters,
 * fingerprint, wrap of the same material, approval, import and proof; interrupted after the first replica
 * (the app quits) and resumed from the transcript with the same material, loaded again from its file.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CeremonySession } from '../../../../../electron/core/ceremony/session';
import { AppError } from '../../../../../electron/core/errors';
import { DEFAULT_REPLICA_CREATING_SECONDS } from '../../../../../electron/core/emulator/timing';
import { buildCeremonyRecord, recordContent } from '../../../../../electron/core/record';
import { verifyTranscript } from '../../../../../electron/core/transcript';
import { daysAhead, type Harness } from '../../emulator/helpers';
import { useEmulatorStation } from '../emulator-station';
import { approveAndImport, confirmAndWrap, people } from '../helpers';

const { station, newSession } = useEmulatorStation('multi-region-session');
let h: Harness;
beforeAll(() => {
  h = station.h;
});
const REPLICAS = ['eu-west-1', 'ap-southeast-2'];

const expires = () => ({
  expirationModel: 'KEY_MATERIAL_EXPIRES' as const,
  validTo: daysAhead(h.emulator, 300).toISOString(),
});

/** In the Region now selected: its own parameters, a witness confirms its fingerprint, wrap, approve, import. */
async function importHere(s: CeremonySession) {
  const params = await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
  await confirmAndWrap(s);
  const imported = await approveAndImport(s, expires());
  return { params, imported };
}

interface LoggedEvent {
  action: string;
  result: string;
  keyArn: string | null;
  details: Record<string, unknown>;
}

const parseEvents = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LoggedEvent);

describe('multi-Region ceremony', () => {
  it('primary + 2 replicas, interrupted after the first replica, resumed; the same KeyMaterialId in every Region', async () => {
    const materialFile = path.join(station.dir, 'material.bin');
    writeFileSync(materialFile, randomBytes(32), { mode: 0o600 });

    // ── first sitting: primary, replication, first replica ──
    const s = newSession();
    const { ceremonyId, transcriptPath } = await s.startCeremony({
      station: 'online',
      ...people,
      resumeCeremonyId: null,
    });
    await s.connect({ target: 'emulator' });
    const key = await s.createKey({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: 'multi-Region payments key',
      alias: null,
      multiRegion: true,
    });
    expect(key.keyId).toMatch(/^mrk-/);
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await s.loadKeyMaterial(materialFile, 'auto', null);
    await confirmAndWrap(s);
    const primary = await approveAndImport(s, expires());
    expect(await s.replicateTo(REPLICAS)).toEqual(REPLICAS);
    const seen: string[][] = [];
    await s.waitForReplicas(REPLICAS, {
      pollMs: 10,
      onProgress: (p) => {
        seen.push(p.regions.map((r) => r.keyState));
        if (seen.length === 1) h.emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
      },
    });
    expect(seen[0]).toEqual(['Creating', 'Creating']);
    expect(seen.at(-1)).toEqual(['PendingImport', 'PendingImport']);

    const west = await s.useRegion('eu-west-1');
    expect(west.arn).toBe(key.arn.replace('us-east-1', 'eu-west-1'));
    const { params: westParams, imported: westImport } = await importHere(s);
    expect(westImport.keyMaterialId).toBe(primary.keyMaterialId);
    const westProof = await s.proveRegion();
    expect(westProof.statements[0]).toBe(
      `eu-west-1 holds key material ${primary.keyMaterialId}, the same KeyMaterialId as the primary in us-east-1.`,
    );
    // The app quits here: the material is wiped, the transcript stays open.
    await s.close();
    // A record of the interrupted ceremony says which Regions are done.
    const interrupted = buildCeremonyRecord(readFileSync(transcriptPath, 'utf8')).summary;
    expect(interrupted.regions?.map((x) => [x.region, x.role, x.result, x.keyMaterialId])).toEqual([
      ['us-east-1', 'PRIMARY', 'imported', primary.keyMaterialId],
      ['eu-west-1', 'REPLICA', 'proven', primary.keyMaterialId],
      ['ap-southeast-2', 'REPLICA', 'replicated', null],
    ]);

    // ── second sitting: resume, the same material again, the remaining Region ──
    const r = newSession();
    await r.startCeremony({ station: 'online', ...people, resumeCeremonyId: ceremonyId });
    await r.connect({ target: 'emulator' });
    await r.describeKey(key.keyId);
    expect((await r.multiRegionStatus()).map((x) => [x.region, x.role, x.done])).toEqual([
      ['us-east-1', 'PRIMARY', true],
      ['eu-west-1', 'REPLICA', true],
      ['ap-southeast-2', 'REPLICA', false],
    ]);
    expect(await r.replicateTo(REPLICAS)).toEqual([]); // already replicated: nothing to do again
    await r.loadKeyMaterial(materialFile, 'auto', null);
    await r.useRegion('ap-southeast-2');
    const { params: sydneyParams, imported: sydneyImport } = await importHere(r);
    // Each Region has its own wrapping key and token.
    expect(sydneyParams.publicKey.sha256).not.toBe(westParams.publicKey.sha256);
    expect(sydneyImport.keyMaterialId).toBe(primary.keyMaterialId);
    await r.proveRegion();
    const status = await r.multiRegionStatus();
    expect(status.every((x) => x.done && x.keyMaterialId === primary.keyMaterialId)).toBe(true);
    const before = parseEvents(await r.transcriptText());
    expect(
      before.filter((e) => e.action === 'multi-region.region-verified' && e.result === 'ok'),
    ).toHaveLength(2);
    const closed = await r.finishCeremony('completed', 'multi-Region import in three Regions');
    const text = readFileSync(closed.transcriptPath, 'utf8');
    const log = parseEvents(text);
    expect(
      log
        .filter((e) => e.action === 'multi-region.region-verified' && e.result === 'ok')
        .map((e) => e.details.region),
    ).toEqual(['eu-west-1', 'ap-southeast-2']);
    expect(
      log.filter((e) => e.action === 'material.imported' && e.result === 'ok').map((e) => e.keyArn),
    ).toEqual([
      key.arn,
      key.arn.replace('us-east-1', 'eu-west-1'),
      key.arn.replace('us-east-1', 'ap-southeast-2'),
    ]);
    expect(log.filter((e) => e.action === 'import.approval-requested').map((e) => e.details.region)).toEqual([
      'us-east-1',
      'eu-west-1',
      'ap-southeast-2',
    ]);
    expect(verifyTranscript(text, { trustedKeys: [(await station.stationKey).publicKey] })).toMatchObject({
      intact: true,
    });
    const record = buildCeremonyRecord(text);
    expect(record.summary.regions?.map((x) => [x.region, x.result, x.keyMaterialId])).toEqual([
      ['us-east-1', 'imported', primary.keyMaterialId],
      ['eu-west-1', 'proven', primary.keyMaterialId],
      ['ap-southeast-2', 'proven', primary.keyMaterialId],
    ]);
    const content = recordContent(record).blocks;
    expect(content).toContainEqual({
      kind: 'heading',
      text: 'Per-Region results (multi-Region key)',
    });
  }, 60_000);

  it('different material in a replica is refused, naming the primary’s KeyMaterialId; nothing changes there', async () => {
    const s = newSession();
    await s.startCeremony({ station: 'online', ...people, resumeCeremonyId: null });
    await s.connect({ target: 'emulator' });
    await s.createKey({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: 'mr',
      alias: null,
      multiRegion: true,
    });
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await s.generateKeyMaterial();
    await confirmAndWrap(s);
    const primary = await approveAndImport(s, expires());
    await s.replicateTo(['eu-north-1']);
    h.emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
    await s.useRegion('eu-north-1');
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await s.generateKeyMaterial(true); // not the primary's material
    await confirmAndWrap(s);
    const error = await approveAndImport(s, expires()).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(error?.code).toBe('IncorrectKeyMaterialException');
    expect(error?.message).toBe(
      `The material wrapped for eu-north-1 is not the primary’s: KMS expects the material whose KeyMaterialId is ${primary.keyMaterialId} (the primary in us-east-1). Every Region of a multi-Region key holds the same material.`,
    );
    expect((await s.multiRegionStatus()).find((x) => x.region === 'eu-north-1')).toMatchObject({
      keyState: 'PendingImport',
      done: false,
    });
  });

  it('refuses a single-Region key and a bad Region name in words', async () => {
    const s = newSession();
    await s.startCeremony({ station: 'online', ...people, resumeCeremonyId: null });
    await s.connect({ target: 'emulator' });
    const single = await s.createKey({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: 'single',
      alias: null,
      multiRegion: false,
    });
    await expect(s.replicateTo(['eu-west-1'])).rejects.toMatchObject({
      code: 'NOT_MULTI_REGION',
      message: `${single.arn} is not a multi-Region key, so ReplicateKey cannot be called for it.`,
    });
    const mr = await s.createKey({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: 'mr',
      alias: null,
      multiRegion: true,
      another: { reason: 'a multi-Region key for the same test' },
    });
    expect(mr.keyId).toMatch(/^mrk-/);
    await expect(s.replicateTo(['eu-west'])).rejects.toMatchObject({
      code: 'BAD_REGION',
      message: '"eu-west" is not a Region name.',
    });
    await expect(s.replicateTo(['us-east-1'])).rejects.toMatchObject({
      code: 'BAD_REGION',
      message: "us-east-1 is the primary's own Region.",
    });
  });
});
