/**
 * The multi-Region channels through the real `dispatch` (requests and responses validated) against the
 * emulator: the renderer names Regions only, and main refuses — before anything changes — a malformed or
 * repeated Region, ReplicateKey that the officers did not confirm natively or that names an existing
 * replica, a Region that is not (yet) a replica, an import in a Region before its parameters, and a replica
 * step while the ceremony works in another Region. Each refusal leaves the session as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { NativeConfirmation } from '../../../../../electron/core/confirmation';
import { DEFAULT_REPLICA_CREATING_SECONDS } from '../../../../../electron/core/emulator/timing';
import { dispatch } from '../../../../../electron/main/ipc/dispatch';
import { createHandlers } from '../../../../../electron/main/ipc/handlers/index';
import type { MultiRegionStatus, Result } from '../../../../../electron/shared/ipc-contract';
import { daysAhead, type Harness } from '../../../core/emulator/helpers';
import { useEmulatorStation } from '../../../core/ceremony/emulator-station';
import { approveAndImport, confirmAndWrap, people } from '../../../core/ceremony/helpers';
import { noDialogs, testContext } from '../../../helpers/main-context';

const { station, newSession } = useEmulatorStation('multi-region-ipc');
let h: Harness;
beforeAll(() => {
  h = station.h;
});

/** A ceremony on the emulator with its handler table; `answer` is the officers' answer to main's question. */
async function ceremony(multiRegion = true) {
  const session = newSession();
  const asked: NativeConfirmation[] = [];
  const dialogs = { answer: true };
  const handlers = createHandlers(
    testContext({
      session,
      dialogs: {
        ...noDialogs,
        confirm: (q) => {
          asked.push(q);
          return Promise.resolve(dialogs.answer);
        },
      },
    }),
  );
  const call = (channel: string, req: unknown = {}) => dispatch(handlers, channel, req);
  await session.startCeremony({ station: 'online', ...people, resumeCeremonyId: null });
  await session.connect({ target: 'emulator' });
  const key = await session.createKey({
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    description: 'multi-Region IPC test',
    alias: null,
    multiRegion,
  });
  return { session, handlers, call, asked, dialogs, key };
}

const expires = () => ({
  expirationModel: 'KEY_MATERIAL_EXPIRES' as const,
  validTo: daysAhead(h.emulator, 300).toISOString(),
});

/** The primary's import, as the wizard does it before Replicate to Regions. */
async function importPrimary(s: Awaited<ReturnType<typeof ceremony>>['session']) {
  await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
  await s.generateKeyMaterial();
  await confirmAndWrap(s);
  return approveAndImport(s, expires());
}

const value = <T>(r: Result<unknown>) => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};
const refused = (r: Result<unknown>, code: string) =>
  expect(r).toMatchObject({
    ok: false,
    error: { code, message: expect.any(String), hint: expect.any(String) },
  });

describe('multi-Region channels', () => {
  it('refuses malformed Region lists before any handler runs', async () => {
    const { call } = await ceremony();
    for (const req of [
      { regions: [] },
      { regions: ['eu-west'] },
      { regions: ['EU-WEST-1'] },
      { regions: ['eu-west-1', 'eu-west-1'] },
      { regions: ['eu-west-1'], endpoint: 'https://attacker.example' },
      { regions: Array.from({ length: 17 }, (_, i) => `eu-west-${i + 1}`) },
    ])
      refused(await call('multiRegion:replicate', req), 'BAD_REQUEST');
    refused(await call('multiRegion:useRegion', { region: 'https://attacker.example' }), 'BAD_REQUEST');
  });

  it('refuses multi-Region steps for a single-Region key, in words', async () => {
    const { call, asked } = await ceremony(false);
    const r = await call('multiRegion:replicate', { regions: ['eu-west-1'] });
    refused(r, 'NOT_MULTI_REGION');
    expect(!r.ok && r.error.message).toMatch(/is not a multi-Region key/);
    refused(await call('multiRegion:useRegion', { region: 'eu-west-1' }), 'NOT_MULTI_REGION');
    expect(asked).toEqual([]);
  });

  it('replicates only after main’s own question; refuses unreplicated, Creating and existing Regions; no import before parameters', async () => {
    const { session, call, asked, dialogs, key } = await ceremony();
    const primary = await importPrimary(session);
    const before = session.state();

    // A Region that holds no replica: refused in main, nothing switched.
    const notReplica = await call('multiRegion:useRegion', { region: 'eu-west-1' });
    refused(notReplica, 'REGION_NOT_REPLICATED');
    expect(!notReplica.ok && notReplica.error.message).toBe(
      `${key.keyId} has no replica in eu-west-1: its Regions are us-east-1.`,
    );
    expect(session.state()).toEqual(before);

    // Declined natively: nothing replicated, the refusal recorded.
    dialogs.answer = false;
    expect(value(await call('multiRegion:replicate', { regions: ['eu-west-1'] }))).toEqual({
      cancelled: true,
    });
    expect(asked[0]).toMatchObject({
      message: `Create replicas of ${key.arn} in eu-west-1?`,
      confirmLabel: 'Replicate',
    });
    let status = value<MultiRegionStatus>(await call('multiRegion:status'));
    expect(status.regions.map((r) => r.region)).toEqual(['us-east-1']);
    expect(await session.transcriptText()).toMatch(/"action":"kms.declined".*"operation":"ReplicateKey"/);

    dialogs.answer = true;
    expect(value(await call('multiRegion:replicate', { regions: ['eu-west-1'] }))).toEqual({
      created: ['eu-west-1'],
    });
    expect(asked).toHaveLength(2);

    // Again into the same Region: refused in words before main asks anything.
    const again = await call('multiRegion:replicate', { regions: ['eu-west-1', 'ap-southeast-2'] });
    refused(again, 'REPLICA_EXISTS');
    expect(!again.ok && again.error.message).toBe(
      `eu-west-1 already holds a replica of ${key.keyId}: ReplicateKey would be refused there.`,
    );
    expect(asked).toHaveLength(2);

    // Still Creating: refused, the ceremony stays in the primary.
    refused(await call('multiRegion:useRegion', { region: 'eu-west-1' }), 'REPLICA_CREATING');
    expect(session.state().connection?.region).toBe('us-east-1');
    status = value(await call('multiRegion:status'));
    expect(status).toMatchObject({
      keyId: key.keyId,
      primaryRegion: 'us-east-1',
      current: 'us-east-1',
      regions: [
        { region: 'us-east-1', role: 'PRIMARY', done: true, keyMaterialId: primary.keyMaterialId },
        { region: 'eu-west-1', role: 'REPLICA', keyState: 'Creating', done: false, failure: null },
      ],
    });

    h.emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
    const replicaKey = value<{ arn: string }>(await call('multiRegion:useRegion', { region: 'eu-west-1' }));
    expect(replicaKey.arn).toBe(key.arn.replace('us-east-1', 'eu-west-1'));
    const inReplica = session.state();
    expect(inReplica).toMatchObject({
      connection: { region: 'eu-west-1' },
      parameters: null,
      wrapped: null,
      approval: null,
      multiRegion: { keyId: key.keyId, primaryRegion: 'us-east-1', current: 'eu-west-1' },
    });
    expect(inReplica.material).not.toBeNull(); // the same material, for every Region

    // An import in this Region before its own parameters (and wrap, and approval): refused in main.
    refused(await call('import:run', expires()), 'NOT_WRAPPED');
    refused(await call('import:requestApproval', expires()), 'NOTHING_TO_APPROVE');
    expect(session.state()).toEqual(inReplica);
    // ReplicateKey is called on the primary only.
    refused(await call('multiRegion:replicate', { regions: ['ap-southeast-2'] }), 'NOT_PRIMARY_REGION');
    // A proof before the import fails, and the status table says why.
    refused(await call('multiRegion:prove'), 'REGION_PROOF_FAILED');
    status = value(await call('multiRegion:status'));
    expect(status.regions[1]).toMatchObject({
      region: 'eu-west-1',
      keyState: 'PendingImport',
      done: false,
      failure: expect.stringMatching(/^eu-west-1 could not be proven: its current material is not imported/),
    });

    // Its own parameters, fingerprint, wrap, approval, import, then the proof.
    await session.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await confirmAndWrap(session);
    await approveAndImport(session, expires());
    const proof = value<{ keyMaterialId: string }>(await call('multiRegion:prove'));
    expect(proof.keyMaterialId).toBe(primary.keyMaterialId);
    expect(session.state().verification).toMatchObject({
      passed: true,
      keyMaterialId: primary.keyMaterialId,
    });
    status = value(await call('multiRegion:status'));
    expect(status.regions.map((r) => [r.region, r.done, r.keyMaterialId, r.failure])).toEqual([
      ['us-east-1', true, primary.keyMaterialId, null],
      ['eu-west-1', true, primary.keyMaterialId, null],
    ]);

    // Back in the primary, the proof is Verify's: the replica proof is refused there.
    value(await call('multiRegion:useRegion', { region: 'us-east-1' }));
    refused(await call('multiRegion:prove'), 'PRIMARY_REGION');
  }, 60_000);
});
