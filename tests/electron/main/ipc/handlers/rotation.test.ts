/**
 * The rotation channels through the real `dispatch` and handler table, on a real station (embedded
 * emulator, transcript): the renderer is compromised, so every rotation request is checked in main —
 * out of order, without the witnesses' quorum, with a stale digest, with an import type that does not
 * match the ceremony — and each refusal is typed and changes nothing (KMS's materials, main's session, the
 * transcript). Then the honest order goes through to the proof.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedDialogs } from '../../../../../e2e/bridge/scripted-dialogs';
import { DEFAULT_ROTATION_SECONDS } from '../../../../../electron/core/emulator/timing';
import { dispatch } from '../../../../../electron/main/ipc/dispatch';
import { createHandlers } from '../../../../../electron/main/ipc/handlers/index';
import { createStationServices } from '../../../../../electron/main/services';
import type { IpcError, Result, SessionState } from '../../../../../electron/shared/ipc-contract';

const root = mkdtempSync(path.join(os.tmpdir(), 'rotation-ipc-'));
const services = createStationServices(path.join(root, 'station'));
const handlers = createHandlers({
  runtime: 'browser-bridge',
  appName: 'KMS Key Ceremony',
  appVersion: '0.0.0-test',
  electronVersion: null,
  dialogs: new ScriptedDialogs(),
  session: services.session,
  station: services.station,
  env: { AWS_CONFIG_FILE: path.join(root, 'no-aws-config') },
});
const WITNESS = 'Grace Witness';

const call = (channel: string, req: unknown = {}) => dispatch(handlers, channel, req);

async function value<T = Record<string, unknown>>(result: Promise<Result<unknown>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function refused(result: Promise<Result<unknown>>, code: string): Promise<IpcError> {
  const r = await result;
  expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(false);
  const error = (r as { error: IpcError }).error;
  expect(error.code).toBe(code);
  expect(error.hint).not.toBe('');
  return error;
}

const state = () => value<SessionState>(call('session:state'));
const materials = async () =>
  (
    await value<{ materials: { keyMaterialId: string; keyMaterialState: string }[] }>(call('keys:materials'))
  ).materials.map((m) => `${m.keyMaterialId.slice(0, 8)} ${m.keyMaterialState}`);
const events = async () => (await services.session.transcriptText()).trim().split('\n').length;
/** What a refusal must leave as it was: KMS's materials, main's rotation and approvals, the transcript. */
const snapshot = async () => {
  const s = await state();
  return { materials: await materials(), rotation: s.rotation, approval: s.approval, events: await events() };
};

const expiry = () => ({
  expirationModel: 'KEY_MATERIAL_EXPIRES' as const,
  validTo: new Date(Date.now() + 60 * 86_400_000).toISOString(),
});

/** Parameters, material, fingerprint, wrap: what the Import step needs. */
async function wrapNewMaterial() {
  await value(call('params:get', { wrappingAlgorithm: 'RSAES_OAEP_SHA_256', wrappingKeySpec: 'RSA_2048' }));
  await value(call('material:generate', {}));
  await value(call('ceremony:confirmFingerprint', { witness: WITNESS, heardWords: null }));
  await value(call('wrap:run'));
}

async function approveAndImport(req: Record<string, unknown>) {
  const { digest } = await value<{ digest: string }>(call('import:requestApproval', req));
  await value(call('import:approve', { witness: WITNESS, digest }));
  return value<{ keyMaterialId: string; validTo: string | null }>(call('import:run', req));
}

let firstId = '';

beforeAll(async () => {
  await value(
    call('ceremony:start', {
      station: 'online',
      operator: 'Ada Operator',
      witnesses: [WITNESS],
      resumeCeremonyId: null,
      parameters: null,
    }),
  );
  await value(call('connection:connect', { target: 'emulator' }));
  await value(
    call('keys:create', {
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: 'rotation ipc',
      alias: null,
      multiRegion: false,
    }),
  );
  await wrapNewMaterial();
  firstId = (await approveAndImport(expiry())).keyMaterialId;
}, 120_000);

afterAll(async () => {
  await services.close();
  rmSync(root, { recursive: true, force: true });
});

describe('rotation requests are checked in main', () => {
  it('refuses out of order: rotate, approval or NEW material before the rotation is begun and staged', async () => {
    const before = await snapshot();
    expect(before.rotation).toBeNull();
    // RotateKeyOnDemand needs the witnesses' quorum first: the policy table's row rotation.rotate.
    const rotate = await refused(call('rotation:rotate'), 'ROTATION_NOT_APPROVED');
    expect(rotate.message).toBe('The rotation has 0 of the 1 witness approvals it needs.');
    expect(rotate.hint).toMatch(/^Nothing was sent to KMS\./);
    // Nothing is waiting to become current: there is nothing to approve.
    await refused(call('rotation:requestApproval'), 'ROTATION_NOTHING_PENDING');
    await refused(call('rotation:prove'), 'ROTATION_NOT_STARTED');
    await refused(call('rotation:progress'), 'ROTATION_NOT_STARTED');
    // NEW_KEY_MATERIAL only inside a rotation ceremony.
    await refused(
      call('import:requestApproval', { ...expiry(), newKeyMaterial: { description: 'sneaked in' } }),
      'NEW_MATERIAL_WITHOUT_ROTATION',
    );
    expect(await snapshot()).toEqual(before);
    expect(before.materials).toEqual([`${firstId.slice(0, 8)} CURRENT`]);
  });

  it('refuses malformed rotation requests before any handler runs', async () => {
    const before = await snapshot();
    await refused(call('rotation:begin', { force: true }), 'BAD_REQUEST');
    await refused(call('rotation:approve', { witness: WITNESS, digest: 'not-a-digest' }), 'BAD_REQUEST');
    await refused(
      call('import:run', { ...expiry(), newKeyMaterial: { description: 'x', keyMaterialId: 'y' } }),
      'BAD_REQUEST',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('runs the honest order; refuses a wrong import type, a stale digest, a non-witness and rotating twice', async () => {
    const begun = await value<{ begunAt: string; fromKeyMaterialId: string }>(call('rotation:begin'));
    expect(begun.fromKeyMaterialId).toBe(firstId);
    const afterBegin = await state();
    expect(afterBegin.rotation?.begunAt).toBe(begun.begunAt);
    // The earlier import's parameters and material are gone: the next material is the NEW one.
    expect([afterBegin.parameters, afterBegin.material, afterBegin.wrapped, afterBegin.imported]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    await wrapNewMaterial();
    // In a rotation ceremony the material goes in as NEW_KEY_MATERIAL, never as the key's own.
    await refused(call('import:requestApproval', expiry()), 'IMPORT_TYPE_NOT_ROTATION');
    await refused(call('import:run', expiry()), 'IMPORT_TYPE_NOT_ROTATION');
    const newExpiry = { ...expiry(), validTo: new Date(Date.now() + 200 * 86_400_000).toISOString() };
    const staged = await approveAndImport({ ...newExpiry, newKeyMaterial: { description: 'ipc rotation' } });
    // The result is the staged material's expiry, not the current material's (which DescribeKey reports).
    expect(staged.validTo).toBe(newExpiry.validTo);
    expect(await materials()).toEqual([
      `${firstId.slice(0, 8)} CURRENT`,
      `${staged.keyMaterialId.slice(0, 8)} PENDING_ROTATION`,
    ]);

    const { digest } = await value<{ digest: string }>(call('rotation:requestApproval'));
    const before = await snapshot();
    await refused(call('rotation:rotate'), 'ROTATION_NOT_APPROVED');
    await refused(call('rotation:approve', { witness: WITNESS, digest: 'f'.repeat(64) }), 'APPROVAL_STALE');
    await refused(call('rotation:approve', { witness: 'Ada Operator', digest }), 'NOT_A_WITNESS');
    expect(await snapshot()).toEqual(before);

    const approved = await value<{ approvedBy: string[] }>(
      call('rotation:approve', { witness: WITNESS, digest }),
    );
    expect(approved.approvedBy).toEqual([WITNESS]);
    await value(call('rotation:rotate'));
    const inProgress = await refused(call('rotation:rotate'), 'ROTATION_IN_PROGRESS');
    expect(inProgress.message).toMatch(/is still in progress\.$/);
    const check = await value<{ allowed: boolean; code?: string }>(call('rotation:check'));
    expect(check).toMatchObject({ allowed: false, code: 'ROTATION_IN_PROGRESS' });

    const waiting = await value<{ done: boolean; currentKeyMaterialId: string }>(call('rotation:progress'));
    expect(waiting).toMatchObject({ done: false, currentKeyMaterialId: firstId });
    await refused(call('rotation:prove'), 'ROTATION_NOT_DONE');
    (await services.emulator.get()).running.advanceClock(DEFAULT_ROTATION_SECONDS);
    const done = await value<{ done: boolean; currentKeyMaterialId: string }>(call('rotation:progress'));
    expect(done).toMatchObject({ done: true, currentKeyMaterialId: staged.keyMaterialId });
    // Main's key description follows KMS.
    expect((await state()).key?.currentKeyMaterialId).toBe(staged.keyMaterialId);

    const proof = await value<{ statements: string[] }>(call('rotation:prove'));
    expect(proof.statements[0]).toContain(staged.keyMaterialId);
    const after = await state();
    expect(after.rotation?.provenStatements).toEqual(proof.statements);
    // One rotation per ceremony and record.
    expect(await value(call('rotation:check'))).toMatchObject({ allowed: false, code: 'ROTATION_DONE' });
    await refused(call('rotation:begin'), 'ROTATION_DONE');
    const transcript = await services.session.transcriptText();
    for (const action of ['rotation.begun', 'rotation.approved', 'rotation.started', 'rotation.completed'])
      expect(transcript).toContain(`"action":"${action}"`);
  }, 120_000);
});
