/**
 * A multi-Region key across the air gap from scripts (issue 13): `replicas:` with `--until parameters`
 * puts every Region's parameters into one bundle, the offline script wraps the kept material for each
 * Region, and `--from wrapped-bundle` imports and proves every Region. The case: material expired in the
 * primary and both replicas; the officers reimport their kept copy everywhere.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator';
import { createExternalKey, expiredMultiRegionKey } from '../emulator/helpers';
import { names, run, tempDir, writeScript } from './helpers';

const tmp = tempDir('script-air-gap-regions');
let emulator: RunningEmulator;
const client = (region: string) =>
  new KMSClient({
    endpoint: emulator.endpoint,
    region,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });

beforeAll(async () => {
  emulator = await startEmulator({ dataDir: tmp.at('kms'), port: 0, wrappingKeyPool: 1 });
});
afterAll(async () => {
  await emulator.close();
  tmp.cleanup();
});

const regionsOf = (out: string) => /Regions: (.+)/.exec(out)?.[1] ?? '';

describe('kms-ceremony run: a multi-Region key across the air gap', () => {
  it('one parameters bundle and one wrapped bundle carry every Region; each Region is imported and proven', async () => {
    const material = randomBytes(32);
    const keyId = await expiredMultiRegionKey(emulator, material, ['eu-west-1', 'sa-east-1']);
    const kept = tmp.at('kept-material.bin');
    writeFileSync(kept, material, { mode: 0o600 });

    const onlineData = tmp.at('online-station');
    const onlineScript = writeScript(tmp.dir, 'mr-online.yaml', {
      ceremony: names,
      approvedBy: ['Wes Witness'],
      target: { emulator: { endpoint: emulator.endpoint } },
      key: { id: keyId },
      replicas: { regions: ['eu-west-1', 'sa-east-1'] },
      expiration: { validForDays: 180 },
      output: 'mr-online-out',
    });
    const first = await run({ scriptPath: onlineScript, until: 'parameters', dataDir: onlineData });
    expect(first.error).toBeNull();
    expect(first.out).toMatch(/fingerprint for eu-west-1 to read aloud on the offline station: \w+/);
    const ceremonyId = first.result!.ceremonyId!;
    const pending = JSON.parse(
      readFileSync(path.join(onlineData, 'pending', `${ceremonyId}.json`), 'utf8'),
    ) as { otherRegions: { region: string }[] };
    expect(pending.otherRegions.map((r) => r.region)).toEqual(['eu-west-1', 'sa-east-1']);
    const words = /fingerprint to read aloud on the offline station: (.+)/.exec(first.out)![1]!;

    const offlineScript = writeScript(tmp.dir, 'mr-offline.yaml', {
      ceremony: names,
      station: 'offline',
      parameters: `mr-online-out/${ceremonyId}-parameters`,
      fingerprint: { witness: 'Wes Witness', heardWords: words },
      material: { file: kept },
      output: 'usb',
    });
    const second = await run({ scriptPath: offlineScript, dataDir: tmp.at('offline-station') });
    expect(second.error).toBeNull();
    expect(second.out).toMatch(/material\.wrapped +eu-west-1 · .*; sa-east-1 · /);

    const wrapped = path.join(tmp.at('usb'), `${ceremonyId}-wrapped`);
    const third = await run({ scriptPath: onlineScript, fromWrappedBundle: wrapped, dataDir: onlineData });
    expect(third.error).toBeNull();
    expect(third.result).toMatchObject({ outcome: 'completed', ceremonyId });
    expect(third.out.match(/ok +multi-region\.region-verified/g)).toHaveLength(2);
    const id = /material\.imported +.*key material id ([0-9a-f]{64})/.exec(third.out)![1]!;
    expect(regionsOf(third.out)).toBe(
      `us-east-1 (primary) done, ${id}; eu-west-1 (replica) done, ${id}; sa-east-1 (replica) done, ${id}`,
    );
  }, 90_000);

  it('refuses, before anything is saved, parameters for a Region that holds no replica', async () => {
    const east = client('us-east-1');
    const key = await createExternalKey(east, 'SYMMETRIC_DEFAULT', { MultiRegion: true });
    east.destroy();
    const script = writeScript(tmp.dir, 'mr-no-replica.yaml', {
      ceremony: names,
      target: { emulator: { endpoint: emulator.endpoint } },
      key: { id: key.KeyId },
      replicas: { regions: ['ap-south-1'] },
      expiration: { validForDays: 180 },
      output: 'mr-no-replica-out',
    });
    const { error, out } = await run({ scriptPath: script, until: 'parameters', dataDir: tmp.at('nr') });
    expect(error).toMatchObject({ code: 'REGION_NOT_REPLICATED' });
    expect(error!.message).toBe(`ap-south-1 holds no replica of ${key.KeyId}.`);
    expect(out).not.toMatch(/parameters\.saved/);
  });
});
