/**
 * Rotation of a multi-Region key end to end through the session (spec §4.4 step 6): NEW material into the
 * primary (PENDING_MULTI_REGION_IMPORT_AND_ROTATION; rotation refused until every replica has it), the same
 * material into each replica, then the primary PENDING_ROTATION, approval, RotateKeyOnDemand on the
 * primary, and every Region follows with the same CURRENT KeyMaterialId.
 */
import { randomBytes } from 'node:crypto';
import { ReplicateKeyCommand } from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_REPLICA_CREATING_SECONDS,
  DEFAULT_ROTATION_SECONDS,
} from '../../../../../electron/core/emulator/timing';
import { createExternalKey, daysAhead, importMaterial, type Harness } from '../../emulator/helpers';
import { useEmulatorStation } from '../emulator-station';
import { approveAndImport, confirmAndWrap, people } from '../helpers';

const { station, newSession } = useEmulatorStation('multi-region-rotation');
let h: Harness;
beforeAll(() => {
  h = station.h;
});

/** A multi-Region key with its first material in us-east-1 and replicas in eu-west-1 and sa-east-1. */
async function replicatedKey() {
  const key = await createExternalKey(h.kms, 'SYMMETRIC_DEFAULT', { MultiRegion: true });
  const first = randomBytes(32);
  const { KeyMaterialId } = await importMaterial(h.kms, key.KeyId!, first);
  for (const region of ['eu-west-1', 'sa-east-1']) {
    await h.kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: region }));
  }
  h.emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
  for (const region of ['eu-west-1', 'sa-east-1']) await importMaterial(h.client(region), key.KeyId!, first);
  return { keyId: key.KeyId!, firstId: KeyMaterialId! };
}

describe('multi-Region rotation', () => {
  it('NEW material in the primary, the same in every replica, then one rotation that every Region follows', async () => {
    const { keyId, firstId } = await replicatedKey();
    const s = newSession();
    await s.startCeremony({ station: 'online', ...people, resumeCeremonyId: null });
    await s.connect({ target: 'emulator' });
    await s.describeKey(keyId);
    await s.checkRotation();
    const validTo = daysAhead(h.emulator, 200).toISOString();
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await s.generateKeyMaterial();
    await confirmAndWrap(s);
    const staged = await approveAndImport(s, {
      expirationModel: 'KEY_MATERIAL_EXPIRES',
      validTo,
      newKeyMaterial: { description: 'mr rotation 2027' },
    });
    expect((await s.keyMaterials()).at(-1)?.keyMaterialState).toBe(
      'PENDING_MULTI_REGION_IMPORT_AND_ROTATION',
    );
    const early = await s.requestRotationApproval().then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(early).toMatchObject({
      code: 'ROTATION_REPLICAS_MISSING',
      message: 'The new material is not yet imported into every replica of this multi-Region key.',
    });

    for (const region of ['eu-west-1', 'sa-east-1']) {
      await s.useRegion(region);
      await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
      await confirmAndWrap(s);
      const imported = await approveAndImport(s, { expirationModel: 'KEY_MATERIAL_EXPIRES', validTo });
      expect(imported.keyMaterialId).toBe(staged.keyMaterialId);
    }
    await s.useRegion('us-east-1');
    expect((await s.keyMaterials()).at(-1)?.keyMaterialState).toBe('PENDING_ROTATION');

    const { digest, request } = await s.requestRotationApproval();
    expect(request).toMatchObject({
      fromKeyMaterialId: firstId,
      toKeyMaterialId: staged.keyMaterialId,
      region: 'us-east-1',
    });
    for (const witness of people.witnesses) await s.approveRotation({ witness, digest });
    await s.rotateKeyOnDemand();
    h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
    await s.waitForRotation({ pollMs: 10 });
    await s.proveRotation();
    const status = await s.multiRegionStatus();
    expect(status.map((r) => [r.region, r.keyMaterialId, r.done])).toEqual([
      ['us-east-1', staged.keyMaterialId, true],
      ['eu-west-1', staged.keyMaterialId, true],
      ['sa-east-1', staged.keyMaterialId, true],
    ]);
  }, 60_000);
});
