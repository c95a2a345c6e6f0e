import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetKeyRotationStatusCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe as group, expect, it } from 'vitest';
import { startEmulator } from '../../../../electron/core/emulator/index';
import {
  DEFAULT_REPLICA_CREATING_SECONDS,
  DEFAULT_ROTATION_SECONDS,
} from '../../../../electron/core/emulator/timing';
import { createExternalKey, describe, failure, importMaterial, startHarness, type Harness } from './helpers';

/**
 * Asynchronous KMS work takes emulator time (timing.ts, spec §1.7, §1.8, §4.4): a replica stays Creating for
 * minutes by default, an on-demand rotation completes after tens of seconds; both are configurable.
 */
async function rotationStarted(h: Harness) {
  const key = await createExternalKey(h.kms);
  const first = await importMaterial(h.kms, key.KeyId!, randomBytes(32));
  const next = await importMaterial(h.kms, key.KeyId!, randomBytes(32), { importType: 'NEW_KEY_MATERIAL' });
  await h.kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
  return { keyId: key.KeyId!, oldId: first.KeyMaterialId!, newId: next.KeyMaterialId! };
}

async function replicaOf(h: Harness, region: string) {
  const primary = await createExternalKey(h.kms, 'SYMMETRIC_DEFAULT', { MultiRegion: true });
  await importMaterial(h.kms, primary.KeyId!, randomBytes(32));
  await h.kms.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: region }));
  return primary.KeyId!;
}

group('default delays', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('a replica is Creating for minutes (refusing imports with "… is creating."), then PendingImport', async () => {
    expect(DEFAULT_REPLICA_CREATING_SECONDS).toBeGreaterThanOrEqual(60);
    const keyId = await replicaOf(h, 'eu-west-1');
    const west = h.client('eu-west-1');
    h.emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS - 1);
    const replica = await describe(west, keyId);
    expect(replica.KeyState).toBe('Creating');
    expect(await failure(() => importMaterial(west, keyId, randomBytes(32)))).toEqual({
      name: 'KMSInvalidStateException',
      message: `${replica.Arn} is creating.`,
    });
    h.emulator.advanceClock(1);
    expect((await describe(west, keyId)).KeyState).toBe('PendingImport');
  });

  it('a rotation is in progress (start date shown, a second one refused) until its delay has passed', async () => {
    const { keyId, oldId, newId } = await rotationStarted(h);
    h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS - 1);
    expect((await describe(h.kms, keyId)).CurrentKeyMaterialId).toBe(oldId);
    const during = await h.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    expect(during.OnDemandRotationStartDate).toBeInstanceOf(Date);
    expect((await failure(() => h.kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId })))).name).toBe(
      'ConflictException',
    );
    h.emulator.advanceClock(1);
    expect((await describe(h.kms, keyId)).CurrentKeyMaterialId).toBe(newId);
    const after = await h.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    expect(after.OnDemandRotationStartDate).toBeUndefined();
  });
});

group('configured delays', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ replicaCreatingSeconds: 2, rotationSeconds: 0.5 });
  });
  afterAll(async () => h.close());

  it('a shortened Creating phase ends when configured', async () => {
    const keyId = await replicaOf(h, 'ap-south-1');
    const south = h.client('ap-south-1');
    expect((await describe(south, keyId)).KeyState).toBe('Creating');
    h.emulator.advanceClock(2);
    expect((await describe(south, keyId)).KeyState).toBe('PendingImport');
  });

  it('a shortened rotation completes on real time alone, with no clock move', async () => {
    const { keyId, newId } = await rotationStarted(h);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await describe(h.kms, keyId)).CurrentKeyMaterialId).toBe(newId);
  });
});

group('the test clock', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ testClock: true });
  });
  afterAll(async () => h.close());

  it('moving it over HTTP completes a due rotation and ends a replica’s Creating phase', async () => {
    const { keyId, newId } = await rotationStarted(h);
    const replicaKeyId = await replicaOf(h, 'eu-central-1');
    const { url, token } = h.emulator.testClock!;
    const moved = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Emulator-Clock-Token': token },
      body: JSON.stringify({ advanceSeconds: DEFAULT_REPLICA_CREATING_SECONDS }),
    });
    expect(moved.status).toBe(200);
    expect((await describe(h.kms, keyId)).CurrentKeyMaterialId).toBe(newId);
    expect((await describe(h.client('eu-central-1'), replicaKeyId)).KeyState).toBe('PendingImport');
  });
});

group('refused delays', () => {
  it.each([
    ['replicaCreatingSeconds', -1, '--replica-creating-seconds'],
    ['rotationSeconds', Number.NaN, '--rotation-seconds'],
    ['rotationSeconds', 86_401, '--rotation-seconds'],
  ])('%s = %s is a USAGE error naming the option; nothing is created', async (option, value, name) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kms-timing-'));
    try {
      await expect(startEmulator({ dataDir, port: 0, [option]: value })).rejects.toMatchObject({
        code: 'USAGE',
        message: expect.stringContaining(name),
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
