/**
 * A multi-Region rotation through the real `dispatch` and handler table against the emulator (spec §4.4
 * step 6): the app rotates a multi-Region primary — NEW material into the primary, then the same material
 * into each replica (as the replica's own: no NEW_KEY_MATERIAL there), then approval and RotateKeyOnDemand
 * on the primary only. Out-of-order requests are refused with KMS and main's session unchanged; a Region
 * that fails leaves the others possible and is retried; the record names the Regions holding the material.
 * And a replica picked as the ceremony's key shows the primary's view of the Regions.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CancelKeyDeletionCommand,
  ListKeyRotationsCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_REPLICA_CREATING_SECONDS,
  DEFAULT_ROTATION_SECONDS,
} from '../../../../../electron/core/emulator/timing';
import { dispatch } from '../../../../../electron/main/ipc/dispatch';
import { createHandlers } from '../../../../../electron/main/ipc/handlers/index';
import type {
  MultiRegionStatus,
  Result,
  RotationRegionsView,
  SessionState,
} from '../../../../../electron/shared/ipc-contract';
import { createExternalKey, daysAhead, importMaterial, type Harness } from '../../../core/emulator/helpers';
import { useEmulatorStation } from '../../../core/ceremony/emulator-station';
import { people } from '../../../core/ceremony/helpers';
import { testContext } from '../../../helpers/main-context';

const { station, newSession } = useEmulatorStation('mr-rotation-ipc');
let h: Harness;
beforeAll(() => {
  h = station.h;
});

const REPLICAS = ['eu-west-1', 'sa-east-1'];

/** A multi-Region key with its first material in us-east-1 and in both replicas. */
async function replicatedKey() {
  const key = await createExternalKey(h.kms, 'SYMMETRIC_DEFAULT', { MultiRegion: true });
  const first = randomBytes(32);
  const { KeyMaterialId } = await importMaterial(h.kms, key.KeyId!, first);
  for (const region of REPLICAS)
    await h.kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: region }));
  h.emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
  for (const region of REPLICAS) await importMaterial(h.client(region), key.KeyId!, first);
  return { keyId: key.KeyId!, firstId: KeyMaterialId!, first };
}

async function ceremony(region?: string) {
  const session = newSession();
  const handlers = createHandlers(testContext({ session }));
  const call = (channel: string, req: unknown = {}) => dispatch(handlers, channel, req);
  await session.startCeremony({ station: 'online', ...people, resumeCeremonyId: null });
  await session.connect({ target: 'emulator', ...(region ? { region } : {}) });
  return { session, call };
}

const value = <T = Record<string, unknown>>(r: Result<unknown>) => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
const refused = (r: Result<unknown>, code: string) => {
  expect(r).toMatchObject({
    ok: false,
    error: { code, message: expect.any(String), hint: expect.any(String) },
  });
  return (r as { error: { message: string; hint: string } }).error;
};
const expires = () => ({
  expirationModel: 'KEY_MATERIAL_EXPIRES' as const,
  validTo: daysAhead(h.emulator, 200).toISOString(),
});

type Call = Awaited<ReturnType<typeof ceremony>>['call'];

/** Parameters, fingerprint and wrap of the material held, in the Region the steps act in. */
async function wrapHere(call: Call) {
  value(await call('params:get', { wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' }));
  value(await call('ceremony:confirmFingerprint', { witness: people.witnesses[0], heardWords: null }));
  value(await call('wrap:run'));
}

async function approveImport(call: Call, req: Record<string, unknown>) {
  const { digest } = value<{ digest: string }>(await call('import:requestApproval', req));
  for (const witness of people.witnesses) value(await call('import:approve', { witness, digest }));
}

const regionsOf = async (call: Call) => {
  const r = value<RotationRegionsView>(await call('rotation:regions'));
  return r.regions.map((x) => `${x.region} ${x.done ? 'done' : x.failure ? 'failed' : 'pending'}`);
};

/** Begins the rotation of `keyId` and stages NEW material in the primary (us-east-1). */
async function stageNewMaterial(call: Call, keyId: string) {
  value(await call('keys:describe', { keyId }));
  value(await call('rotation:begin'));
  value(await call('material:generate', {}));
  await wrapHere(call);
  const req = { ...expires(), newKeyMaterial: { description: 'mr rotation' } };
  await approveImport(call, req);
  return { req, staged: value<{ keyMaterialId: string }>(await call('import:run', req)) };
}

describe('a multi-Region primary is rotated from the app', () => {
  it('NEW material into the primary, then every replica, then the rotation on the primary; refusals change nothing', async () => {
    const { keyId, firstId } = await replicatedKey();
    const { session, call } = await ceremony();
    value(await call('keys:describe', { keyId }));
    // The app no longer refuses a multi-Region primary.
    expect(value(await call('rotation:check'))).toEqual({ allowed: true, currentKeyMaterialId: firstId });
    const { req: newReq, staged } = await stageNewMaterial(call, keyId);
    const sessionState = async () => value<SessionState>(await call('session:state'));
    expect((await sessionState()).rotation?.stagedKeyMaterialId).toBe(staged.keyMaterialId);
    const regions = value<RotationRegionsView>(await call('rotation:regions'));
    expect(regions.keyMaterialId).toBe(staged.keyMaterialId);
    expect(regions.regions.map((r) => [r.region, r.role, r.importState, r.keyMaterialState, r.done])).toEqual(
      [
        ['us-east-1', 'PRIMARY', 'IMPORTED', 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION', true],
        ['eu-west-1', 'REPLICA', 'PENDING_IMPORT', 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION', false],
        ['sa-east-1', 'REPLICA', 'PENDING_IMPORT', 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION', false],
      ],
    );
    expect(regions.allDone).toBe(false);

    // Rotation before every replica holds the material: refused, and nothing changes (KMS, main, record).
    const snapshot = async () => ({
      materials: (await session.keyMaterials()).map((m) => `${m.keyMaterialId} ${m.keyMaterialState}`),
      state: await sessionState(),
      events: (await session.transcriptText()).trim().split('\n').length,
    });
    const before = await snapshot();
    const early = refused(await call('rotation:requestApproval'), 'ROTATION_REPLICAS_MISSING');
    expect(early.message).toBe(
      'The new material is not yet imported into every replica of this multi-Region key.',
    );
    refused(await call('rotation:rotate'), 'ROTATION_NOT_APPROVED');
    expect(await snapshot()).toEqual(before);

    // sa-east-1 first: its parameters, wrap and approval; then KMS refuses (the replica is pending deletion).
    value(await call('multiRegion:useRegion', { region: 'sa-east-1' }));
    // The rotation stays in view in the replica Region (step Rotate and its Regions table).
    expect((await sessionState()).rotation?.stagedKeyMaterialId).toBe(staged.keyMaterialId);
    // In a replica Region: no rotation request, no RotateKeyOnDemand, no NEW_KEY_MATERIAL.
    refused(await call('rotation:requestApproval'), 'NOT_PRIMARY_REGION');
    refused(await call('rotation:rotate'), 'NOT_PRIMARY_REGION');
    await wrapHere(call);
    const onReplica = refused(await call('import:requestApproval', newReq), 'NEW_MATERIAL_ON_REPLICA');
    expect(onReplica.message).toContain('sa-east-1');
    const replicaReq = expires();
    await approveImport(call, replicaReq);
    const sa = h.client('sa-east-1');
    await sa.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    refused(await call('import:run', replicaReq), 'KMSInvalidStateException');
    expect(await regionsOf(call)).toEqual(['us-east-1 done', 'eu-west-1 pending', 'sa-east-1 failed']);
    const failed = value<RotationRegionsView>(await call('rotation:regions')).regions[2]!;
    expect(failed.failure).toMatch(/pending deletion/);

    // The other Region is still possible.
    value(await call('multiRegion:useRegion', { region: 'eu-west-1' }));
    await wrapHere(call);
    await approveImport(call, replicaReq);
    expect(value<{ keyMaterialId: string }>(await call('import:run', replicaReq)).keyMaterialId).toBe(
      staged.keyMaterialId,
    );
    expect(await regionsOf(call)).toEqual(['us-east-1 done', 'eu-west-1 done', 'sa-east-1 failed']);
    // Back on the primary, KMS still refuses: one replica lacks the material.
    value(await call('multiRegion:useRegion', { region: 'us-east-1' }));
    refused(await call('rotation:requestApproval'), 'ROTATION_REPLICAS_MISSING');

    // sa-east-1 again, once its deletion is cancelled (Disabled; an import enables it, spec §1.10).
    await sa.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    value(await call('multiRegion:useRegion', { region: 'sa-east-1' }));
    await wrapHere(call);
    await approveImport(call, replicaReq);
    value(await call('import:run', replicaReq));
    const all = value<RotationRegionsView>(await call('rotation:regions'));
    expect(all.allDone).toBe(true);
    expect(all.regions.map((r) => r.keyMaterialState)).toEqual([
      'PENDING_ROTATION',
      'PENDING_ROTATION',
      'PENDING_ROTATION',
    ]);

    // On the primary: approval, RotateKeyOnDemand, the wait, and the proof in every Region.
    value(await call('multiRegion:useRegion', { region: 'us-east-1' }));
    const { digest, request } = value<{ digest: string; request: Record<string, unknown> }>(
      await call('rotation:requestApproval'),
    );
    expect(request).toMatchObject({ toKeyMaterialId: staged.keyMaterialId, fromKeyMaterialId: firstId });
    for (const witness of people.witnesses) value(await call('rotation:approve', { witness, digest }));
    value(await call('rotation:rotate'));
    h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
    expect(value(await call('rotation:progress'))).toMatchObject({ done: true });
    const proof = value<{ statements: string[] }>(await call('rotation:prove'));
    for (const region of REPLICAS) {
      expect(proof.statements.join('\n')).toContain(
        `${region} (replica) follows: ${staged.keyMaterialId} is CURRENT there`,
      );
    }
    const status = value<MultiRegionStatus>(await call('multiRegion:status'));
    expect(status.regions.map((r) => [r.region, r.keyMaterialId, r.done])).toEqual([
      ['us-east-1', staged.keyMaterialId, true],
      ['eu-west-1', staged.keyMaterialId, true],
      ['sa-east-1', staged.keyMaterialId, true],
    ]);
    // The record names the Regions holding the new material when the primary was rotated.
    const started = (await session.transcriptText())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; details?: Record<string, unknown> })
      .find((e) => e.action === 'rotation.started');
    expect(started?.details?.regionsHoldingNewMaterial).toEqual(['us-east-1', 'eu-west-1', 'sa-east-1']);
  }, 120_000);

  it('refuses other material than the staged one in a replica Region, before anything is sent', async () => {
    const { keyId, firstId } = await replicatedKey();
    const { call } = await ceremony();
    const { staged } = await stageNewMaterial(call, keyId);
    value(await call('multiRegion:useRegion', { region: 'eu-west-1' }));
    value(await call('params:get', { wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' }));
    value(await call('material:generate', { replace: true }));
    value(await call('ceremony:confirmFingerprint', { witness: people.witnesses[0], heardWords: null }));
    value(await call('wrap:run'));
    const req = expires();
    await approveImport(call, req);
    const other = refused(await call('import:run', req), 'ROTATION_OTHER_MATERIAL');
    expect(other.message).toContain(staged.keyMaterialId);
    // Nothing reached KMS: the replica still lists only its first material and the pending one.
    const replica = await h
      .client('eu-west-1')
      .send(new ListKeyRotationsCommand({ KeyId: keyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }));
    expect(replica.Rotations?.map((r) => [r.KeyMaterialId, r.ImportState])).toEqual([
      [firstId, 'IMPORTED'],
      [staged.keyMaterialId, 'PENDING_IMPORT'],
    ]);
  }, 60_000);

  it('refuses to begin while a replica cannot take the new material, before any is made or staged', async () => {
    const { keyId, firstId } = await replicatedKey();
    const sa = h.client('sa-east-1');
    await sa.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    const { session, call } = await ceremony();
    value(await call('keys:describe', { keyId }));
    const error = refused(await call('rotation:begin'), 'REPLICA_PENDING_DELETION');
    expect(error.message).toContain('sa-east-1');
    expect(error.hint).toContain('CancelKeyDeletion');
    // No rotation begun in main, and the primary holds only its first material.
    expect(value<SessionState>(await call('session:state')).rotation).toBeNull();
    expect((await session.keyMaterials()).map((m) => m.keyMaterialId)).toEqual([firstId]);
    // Once the deletion is cancelled, the same request begins the rotation.
    await sa.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    value(await call('rotation:begin'));
  }, 60_000);
});

describe('an interrupted multi-Region rotation', () => {
  it('is continued in a later ceremony: the same material (loaded again) into the remaining replica, then the rotation', async () => {
    const { keyId, firstId, first } = await replicatedKey();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mr-continue-'));
    const file = path.join(dir, 'new-material.bin');
    writeFileSync(file, randomBytes(32), { mode: 0o600 });
    const oldFile = path.join(dir, 'first-material.bin');
    writeFileSync(oldFile, first, { mode: 0o600 });

    // First sitting: NEW material into the primary and eu-west-1, then it stops.
    const a = await ceremony();
    value(await a.call('keys:describe', { keyId }));
    value(await a.call('rotation:begin'));
    await a.session.loadKeyMaterial(file, 'raw', null);
    await wrapHere(a.call);
    const newReq = { ...expires(), newKeyMaterial: { description: null } };
    await approveImport(a.call, newReq);
    const staged = value<{ keyMaterialId: string }>(await a.call('import:run', newReq));
    value(await a.call('multiRegion:useRegion', { region: 'eu-west-1' }));
    await wrapHere(a.call);
    const replicaReq = expires();
    await approveImport(a.call, replicaReq);
    value(await a.call('import:run', replicaReq));
    await a.session.close();

    // A later ceremony: the key offers to continue (not to start another rotation).
    const { session, call } = await ceremony();
    value(await call('keys:describe', { keyId }));
    expect(value(await call('rotation:check'))).toEqual({
      allowed: true,
      currentKeyMaterialId: firstId,
      continuesKeyMaterialId: staged.keyMaterialId,
    });
    const begun = value<{ stagedKeyMaterialId: string }>(await call('rotation:begin'));
    expect(begun.stagedKeyMaterialId).toBe(staged.keyMaterialId);
    expect(await regionsOf(call)).toEqual(['us-east-1 done', 'eu-west-1 done', 'sa-east-1 pending']);
    refused(await call('rotation:requestApproval'), 'ROTATION_REPLICAS_MISSING');

    value(await call('multiRegion:useRegion', { region: 'sa-east-1' }));
    value(await call('params:get', { wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' }));
    value(await call('ceremony:confirmFingerprint', { witness: people.witnesses[0], heardWords: null }));
    // The key's first material (which KMS would take as a reimport) is refused: the import names the staged
    // material, and the replica still lacks it.
    await session.loadKeyMaterial(oldFile, 'raw', null);
    value(await call('wrap:run'));
    const req = expires();
    await approveImport(call, req);
    const wrong = refused(await call('import:run', req), 'IncorrectKeyMaterialException');
    expect(wrong.message).toContain(staged.keyMaterialId);
    expect(await regionsOf(call)).toEqual(['us-east-1 done', 'eu-west-1 done', 'sa-east-1 failed']);

    await session.loadKeyMaterial(file, 'raw', null, { replace: true });
    value(await call('wrap:run'));
    await approveImport(call, req);
    expect(value<{ keyMaterialId: string }>(await call('import:run', req)).keyMaterialId).toBe(
      staged.keyMaterialId,
    );
    expect(value<RotationRegionsView>(await call('rotation:regions')).allDone).toBe(true);

    value(await call('multiRegion:useRegion', { region: 'us-east-1' }));
    const { digest } = value<{ digest: string }>(await call('rotation:requestApproval'));
    for (const witness of people.witnesses) value(await call('rotation:approve', { witness, digest }));
    value(await call('rotation:rotate'));
    h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
    expect(value(await call('rotation:progress'))).toMatchObject({ done: true });
    value(await call('rotation:prove'));
    const transcript = await session.transcriptText();
    expect(transcript).toContain(`"continuesKeyMaterialId":"${staged.keyMaterialId}"`);
  }, 120_000);
});

describe('a replica picked as the ceremony’s key', () => {
  it('shows the primary’s view of the Regions, with the ceremony’s Region marked', async () => {
    const { keyId } = await replicatedKey();
    const { call } = await ceremony('eu-west-1');
    const replica = value<{ arn: string }>(await call('keys:describe', { keyId }));
    expect(replica.arn).toContain(':eu-west-1:');
    const status = value<MultiRegionStatus>(await call('multiRegion:status'));
    expect([status.primaryRegion, status.current]).toEqual(['us-east-1', 'eu-west-1']);
    expect(status.regions.map((r) => [r.region, r.role])).toEqual([
      ['us-east-1', 'PRIMARY'],
      ['eu-west-1', 'REPLICA'],
      ['sa-east-1', 'REPLICA'],
    ]);
    expect(value<SessionState>(await call('session:state')).multiRegion).toEqual({
      keyId,
      primaryRegion: 'us-east-1',
      current: 'eu-west-1',
    });
    // Replicas are made from the primary, and a rotation runs on it: both refused here, in words.
    refused(await call('multiRegion:replicate', { regions: ['ap-southeast-2'] }), 'NOT_PRIMARY_REGION');
    expect(value(await call('rotation:check'))).toMatchObject({ allowed: false, code: 'ROTATION_REPLICA' });
    expect(refused(await call('rotation:begin'), 'NOT_PRIMARY_REGION').message).toContain(
      'rotated on its primary in us-east-1',
    );
    // Switching to the primary's Region works on the primary's key.
    const primary = value<{ arn: string }>(await call('multiRegion:useRegion', { region: 'us-east-1' }));
    expect(primary.arn).toContain(':us-east-1:');
  }, 60_000);
});
