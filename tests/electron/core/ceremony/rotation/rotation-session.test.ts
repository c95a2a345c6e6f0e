/**
 * Rotation of imported material through the ceremony session (issue 13), in plain Node against the
 * emulator: stage NEW_KEY_MATERIAL through the usual steps, witness approval of RotateKeyOnDemand, the wait
 * (the emulator takes its default 30 s of emulator time; the test moves its clock while the session waits)
 * and the proof; then every refusal, each in words, before anything is sent.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DeleteImportedKeyMaterialCommand,
  DisableKeyCommand,
  RotateKeyOnDemandCommand,
} from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CeremonySession } from '../../../../../electron/core/ceremony/session';
import { AppError } from '../../../../../electron/core/errors';
import { DEFAULT_ROTATION_SECONDS } from '../../../../../electron/core/emulator/timing';
import { createExternalKey, daysAhead, importMaterial, type Harness } from '../../emulator/helpers';
import { useEmulatorStation } from '../emulator-station';
import { approveAndImport, confirmAndWrap, people } from '../helpers';

const { station, newSession } = useEmulatorStation('rotation-session');
let h: Harness;
beforeAll(() => {
  h = station.h;
});

async function session(): Promise<CeremonySession> {
  const s = newSession();
  await s.startCeremony({ station: 'online', ...people, resumeCeremonyId: null });
  await s.connect({ target: 'emulator' });
  return s;
}

/** An EXTERNAL symmetric key with its first material, made outside the session (as a past ceremony did). */
async function keyWithMaterial() {
  const key = await createExternalKey(h.kms);
  const first = await importMaterial(h.kms, key.KeyId!, randomBytes(32));
  return { keyId: key.KeyId!, arn: key.Arn!, firstId: first.KeyMaterialId! };
}

const newMaterial = (description: string | null) => ({
  expirationModel: 'KEY_MATERIAL_EXPIRES' as const,
  validTo: daysAhead(h.emulator, 200).toISOString(),
  newKeyMaterial: { description },
});

/** Picks the key, checks it may rotate, and imports freshly generated material as NEW_KEY_MATERIAL. */
async function stageNewMaterial(
  s: CeremonySession,
  keyId: string,
  description: string | null = 'rotation 2027',
) {
  await s.describeKey(keyId);
  await s.checkRotation();
  await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
  await s.generateKeyMaterial();
  await confirmAndWrap(s);
  return approveAndImport(s, newMaterial(description));
}

async function approveRotation(s: CeremonySession) {
  const { digest } = await s.requestRotationApproval();
  for (const witness of people.witnesses) await s.approveRotation({ witness, digest });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).hint).not.toBe('');
  return error as AppError;
}

async function events(s: CeremonySession) {
  return (await s.transcriptText())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; result: string; details: Record<string, unknown> });
}

describe('rotation ceremony', () => {
  it('stages new material, is approved, rotates (waiting with progress) and proves the rotation', async () => {
    const { keyId, firstId } = await keyWithMaterial();
    const s = await session();
    const imported = await stageNewMaterial(s, keyId, 'rotation 2027: ceremony 42');
    const materials = await s.keyMaterials();
    expect(materials.map((m) => [m.keyMaterialId, m.keyMaterialState, m.importState])).toEqual([
      [firstId, 'CURRENT', 'IMPORTED'],
      [imported.keyMaterialId, 'PENDING_ROTATION', 'IMPORTED'],
    ]);
    expect(materials[1]!.description).toBe('rotation 2027: ceremony 42');
    expect((await refusal(s.rotateKeyOnDemand())).code).toBe('ROTATION_NOT_APPROVED');

    await approveRotation(s);
    const started = await s.rotateKeyOnDemand();
    expect(started.toKeyMaterialId).toBe(imported.keyMaterialId);
    const progress: { done: boolean; currentKeyMaterialId: string | null }[] = [];
    const done = await s.waitForRotation({
      pollMs: 20,
      onProgress: (p) => {
        progress.push(p);
        // Still rotating: KMS takes its time. Move the emulator's clock past it while the session waits.
        if (!p.done && progress.length === 2) h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
      },
    });
    expect(done.done).toBe(true);
    expect(progress.slice(0, 2).map((p) => [p.done, p.currentKeyMaterialId])).toEqual([
      [false, firstId],
      [false, firstId],
    ]);
    expect(progress.at(-1)!.currentKeyMaterialId).toBe(imported.keyMaterialId);

    const proof = await s.proveRotation();
    expect(proof.statements[0]).toBe(
      `KMS encrypts with the new material: a new ciphertext was decrypted with key material ${imported.keyMaterialId}.`,
    );
    expect(proof.statements[1]).toContain(firstId);

    const log = await events(s);
    const actions = log.map((e) => e.action);
    for (const action of [
      'rotation.approval-requested',
      'rotation.approved',
      'rotation.started',
      'rotation.completed',
      'rotation.verified',
    ]) {
      expect(actions).toContain(action);
    }
    expect(log.filter((e) => e.action === 'rotation.approved').map((e) => e.details.approvedBy)).toEqual(
      people.witnesses,
    );
    const importEvent = log.find((e) => e.action === 'material.imported' && e.result === 'ok')!;
    expect(importEvent.details).toMatchObject({
      importType: 'NEW_KEY_MATERIAL',
      keyMaterialDescription: 'rotation 2027: ceremony 42',
    });
    const approval = log.find((e) => e.action === 'import.approval-requested')!;
    expect(approval.details.importType).toBe('NEW_KEY_MATERIAL');
  });

  it('a rotation already in progress is refused in words; approvals are void once KMS changed', async () => {
    const { keyId } = await keyWithMaterial();
    const s = await session();
    await stageNewMaterial(s, keyId);
    await approveRotation(s);
    await s.rotateKeyOnDemand();
    const again = await refusal(s.rotateKeyOnDemand());
    expect(again.code).toBe('ROTATION_IN_PROGRESS');
    expect(again.message).toMatch(/^A rotation of arn:aws:kms:.* started at .* is still in progress\.$/);
    h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
    await s.waitForRotation({ pollMs: 10 });
    // Rotated: nothing is pending now.
    expect((await refusal(s.requestRotationApproval())).code).toBe('ROTATION_NOTHING_PENDING');

    const other = await keyWithMaterial();
    const t = await session();
    const staged = await stageNewMaterial(t, other.keyId);
    await approveRotation(t);
    // Someone replaces the pending material behind the ceremony's back.
    await h.kms.send(
      new DeleteImportedKeyMaterialCommand({ KeyId: other.keyId, KeyMaterialId: staged.keyMaterialId! }),
    );
    await importMaterial(h.kms, other.keyId, randomBytes(32), { importType: 'NEW_KEY_MATERIAL' });
    const stale = await refusal(t.rotateKeyOnDemand());
    expect(stale.code).toBe('APPROVAL_STALE');
  });
});

describe('rotation refusals (nothing is sent)', () => {
  it('material already pending', async () => {
    const { keyId } = await keyWithMaterial();
    const pending = await importMaterial(h.kms, keyId, randomBytes(32), {
      importType: 'NEW_KEY_MATERIAL',
      description: 'staged earlier',
    });
    const s = await session();
    await s.describeKey(keyId);
    const e = await refusal(s.checkRotation());
    expect(e.code).toBe('ROTATION_ALREADY_PENDING');
    expect(e.message).toBe(
      `Material ${pending.KeyMaterialId} (“staged earlier”) is already waiting to become current (PENDING_ROTATION); KMS holds one pending material per key.`,
    );
  });

  it('the 25-rotation limit', async () => {
    const { keyId, arn } = await keyWithMaterial();
    for (let i = 0; i < 25; i += 1) {
      await importMaterial(h.kms, keyId, randomBytes(32), { importType: 'NEW_KEY_MATERIAL' });
      await h.kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
      h.emulator.advanceClock(DEFAULT_ROTATION_SECONDS);
    }
    const s = await session();
    await s.describeKey(keyId);
    const e = await refusal(s.checkRotation());
    expect(e.code).toBe('ROTATION_LIMIT');
    expect(e.message).toBe(`${arn} has been rotated on demand 25 times, the most KMS allows (25).`);
  }, 60_000);

  it('a disabled key', async () => {
    const { keyId, arn } = await keyWithMaterial();
    await h.kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const s = await session();
    await s.describeKey(keyId);
    const e = await refusal(s.checkRotation());
    expect(e.code).toBe('ROTATION_DISABLED');
    expect(e.message).toBe(`${arn} is disabled, and KMS does not rotate a disabled key.`);
  });

  it.each([['HMAC_256'], ['ECC_NIST_P256']] as const)(
    'a %s key (no rotation for HMAC or asymmetric keys)',
    async (spec) => {
      const key = await createExternalKey(h.kms, spec);
      if (spec === 'HMAC_256') await importMaterial(h.kms, key.KeyId!, randomBytes(32));
      const s = await session();
      await s.describeKey(key.KeyId!);
      const e = await refusal(s.checkRotation());
      expect(e.code).toBe('ROTATION_NOT_SYMMETRIC');
      expect(e.message).toBe(
        `${key.Arn} is a ${spec} key. KMS rotates only symmetric encryption keys: an HMAC or asymmetric key keeps its material for life.`,
      );
      expect(await s.keyMaterials()).toEqual([]);
    },
  );

  it('a key whose material expired', async () => {
    const key = await createExternalKey(h.kms);
    await importMaterial(h.kms, key.KeyId!, randomBytes(32), { validTo: daysAhead(h.emulator, 1) });
    h.emulator.advanceClock(86_401);
    const s = await session();
    await s.describeKey(key.KeyId!);
    expect((await refusal(s.checkRotation())).code).toBe('ROTATION_MATERIAL_MISSING');
  });

  it("the key's current material offered as the new one: KMS refuses, explained in words, nothing staged", async () => {
    const key = await createExternalKey(h.kms);
    const current = randomBytes(32);
    await importMaterial(h.kms, key.KeyId!, current);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rotation-same-'));
    try {
      const file = path.join(dir, 'material.bin');
      writeFileSync(file, current, { mode: 0o600 });
      const s = await session();
      await s.describeKey(key.KeyId!);
      await s.checkRotation();
      await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
      await s.loadKeyMaterial(file, 'raw', null);
      await confirmAndWrap(s);
      const e = await refusal(approveAndImport(s, newMaterial(null)));
      expect(e.code).toBe('IncorrectKeyMaterialException');
      expect(e.message).toContain('already one of the key');
      expect(e.hint).toContain('Generate new key material');
      expect((await s.keyMaterials()).map((m) => m.keyMaterialState)).toEqual(['CURRENT']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a key material description KMS would refuse, before the import is sent', async () => {
    const { keyId } = await keyWithMaterial();
    const s = await session();
    await s.describeKey(keyId);
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_2048');
    await s.generateKeyMaterial();
    await confirmAndWrap(s);
    const e = await refusal(s.requestImportApproval(newMaterial('rotation; drop table')));
    expect(e.code).toBe('KEY_MATERIAL_DESCRIPTION');
    expect((await s.keyMaterials()).length).toBe(1);
  });
});
