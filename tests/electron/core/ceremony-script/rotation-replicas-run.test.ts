/**
 * A scripted rotation of a multi-Region primary whose replica cannot take the new material (issue 13, "no
 * half-done state"): a replica scheduled for deletion is refused in words before the primary holds anything;
 * one that becomes unable later (here: scheduled for deletion right after the primary staged the material,
 * through a proxy in front of the emulator) stops the run with the Regions named, and the same script run
 * again with the same material finishes the rotation.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  CancelKeyDeletionCommand,
  KMSClient,
  ListKeyRotationsCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator';
import { DEFAULT_REPLICA_CREATING_SECONDS } from '../../../../electron/core/emulator/timing';
import { createExternalKey, importMaterial } from '../emulator/helpers';
import { names, run, tempDir, witnessed, writeScript } from './helpers';
import { kmsProxy, type KmsProxy } from './kms-proxy';

const tmp = tempDir('script-rotation-replicas');
let emulator: RunningEmulator;
let proxy: KmsProxy;
/** Runs once the emulator has answered a call (KMS operation, Region), before the answer is passed on. */
let afterCall: ((operation: string, region: string) => Promise<void>) | null = null;

const client = (region: string) =>
  new KMSClient({
    endpoint: emulator.endpoint,
    region,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });

beforeAll(async () => {
  emulator = await startEmulator({ dataDir: tmp.at('kms'), port: 0, rotationSeconds: 1, wrappingKeyPool: 1 });
  proxy = await kmsProxy({ upstream: emulator.endpoint, afterAnswer: () => afterCall });
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
  tmp.cleanup();
});

/** A multi-Region primary in us-east-1 and its replica in eu-west-1, both holding the first material. */
async function primaryWithReplica() {
  const east = client('us-east-1');
  const eu = client('eu-west-1');
  try {
    const key = await createExternalKey(east, 'SYMMETRIC_DEFAULT', { MultiRegion: true });
    const first = randomBytes(32);
    await importMaterial(east, key.KeyId!, first);
    await east.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'eu-west-1' }));
    emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
    await importMaterial(eu, key.KeyId!, first);
    return key.KeyId!;
  } finally {
    east.destroy();
    eu.destroy();
  }
}

async function materials(region: string, keyId: string) {
  const c = client(region);
  try {
    const { Rotations } = await c.send(
      new ListKeyRotationsCommand({ KeyId: keyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
    );
    return (Rotations ?? []).map((r) => ({ id: r.KeyMaterialId, state: r.KeyMaterialState }));
  } finally {
    c.destroy();
  }
}

async function scheduleDeletion(region: string, keyId: string) {
  const c = client(region);
  try {
    return (await c.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 })))
      .DeletionDate!;
  } finally {
    c.destroy();
  }
}

const script = (keyId: string, output: string) => ({
  ceremony: names,
  ...witnessed,
  target: { emulator: { endpoint: proxy.url } },
  key: { id: keyId },
  material: { file: 'new-material.bin' },
  expiration: { validForDays: 200 },
  rotation: { description: 'rotation 2027', approvedBy: ['Wes Witness'] },
  output,
});

describe('kms-ceremony run: rotation of a multi-Region primary whose replica cannot take the material', () => {
  it('refuses a replica scheduled for deletion before any material is made or imported', async () => {
    const keyId = await primaryWithReplica();
    const deletionDate = (await scheduleDeletion('eu-west-1', keyId)).toISOString();
    writeFileSync(tmp.at('new-material.bin'), randomBytes(32), { mode: 0o600 });
    const { error, out } = await run({ scriptPath: writeScript(tmp.dir, 'pre.yaml', script(keyId, 'pre')) });
    expect(error).toMatchObject({ code: 'REPLICA_PENDING_DELETION' });
    expect(error!.message).toBe(
      `The replica in eu-west-1 (arn:aws:kms:eu-west-1:111122223333:key/${keyId}) is scheduled for deletion on ${deletionDate} (KeyState PendingDeletion): KMS imports no key material into it.`,
    );
    expect(error!.hint).toBe(
      `The rotation has not started: no material was made or imported. Nothing was imported into eu-west-1. Either cancel its deletion (CancelKeyDeletion in eu-west-1; if it held material it comes back Disabled: enable it if your procedures allow) and run again, or let KMS delete it and run again after ${deletionDate}, when it is no longer one of the key's Regions.`,
    );
    expect(out).toMatch(/ok +rotation\.checked/);
    expect(out).toMatch(/FAIL +rotation\.replicas-checked/);
    expect(out).not.toMatch(/material\.(loaded|imported)/);
    // Nothing staged in the primary: only the first material, CURRENT.
    expect((await materials('us-east-1', keyId)).map((m) => m.state)).toEqual(['CURRENT']);
  });

  it('a replica that fails after the primary took the material stops the run, named; the same script again finishes the rotation', async () => {
    const keyId = await primaryWithReplica();
    writeFileSync(tmp.at('new-material.bin'), randomBytes(32), { mode: 0o600 });
    let deletionDate = '';
    afterCall = async (operation, region) => {
      if (operation !== 'ImportKeyMaterial' || region !== 'us-east-1' || deletionDate) return;
      deletionDate = (await scheduleDeletion('eu-west-1', keyId)).toISOString();
    };
    const scriptPath = writeScript(tmp.dir, 'later.yaml', script(keyId, 'later'));
    const stopped = await run({ scriptPath }).finally(() => (afterCall = null));
    expect(stopped.error).toMatchObject({ code: 'ROTATION_REPLICAS_INCOMPLETE' });
    expect(stopped.error!.message).toBe(
      `eu-west-1 failed: The replica in eu-west-1 (arn:aws:kms:eu-west-1:111122223333:key/${keyId}) is scheduled for deletion on ${deletionDate} (KeyState PendingDeletion): KMS imports no key material into it (REPLICA_PENDING_DELETION). The new material is in us-east-1 (primary) but not yet in eu-west-1, so the key is not rotated.`,
    );
    expect(stopped.error!.hint).toContain(
      'Cancel the deletion of the replica in eu-west-1 (CancelKeyDeletion there',
    );
    expect(stopped.error!.hint).toContain(
      'Running this script again with the same material (its file or backup) imports it into the replicas that lack it and rotates',
    );
    const staged = (await materials('us-east-1', keyId)).find((m) => m.state !== 'CURRENT')!;
    expect(staged.state).toBe('PENDING_MULTI_REGION_IMPORT_AND_ROTATION');

    const eu = client('eu-west-1');
    await eu.send(new CancelKeyDeletionCommand({ KeyId: keyId })).finally(() => eu.destroy());
    const resumed = await run({ scriptPath });
    expect(resumed.error).toBeNull();
    expect(resumed.result).toMatchObject({ outcome: 'completed' });
    expect(resumed.out).toMatch(
      new RegExp(
        `ok +rotation\\.resumed +new material ${staged.id} is in the primary, waiting for its replicas`,
      ),
    );
    expect(resumed.out.match(/ok +material\.imported/g)).toHaveLength(1); // eu-west-1 only
    const current = async (region: string) =>
      (await materials(region, keyId)).find((m) => m.state === 'CURRENT')?.id;
    expect(await current('us-east-1')).toBe(staged.id);
    expect(await current('eu-west-1')).toBe(staged.id);
    expect(resumed.out).toContain(
      `Regions: us-east-1 (primary) done, ${staged.id}; eu-west-1 (replica) done, ${staged.id}`,
    );
  }, 90_000);
});
