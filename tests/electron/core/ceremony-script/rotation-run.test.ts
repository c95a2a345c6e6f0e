/**
 * `rotation:` in a ceremony script (issue 13): the same session steps as the app, from YAML, against the
 * emulator on a port (rotation shortened to 1 s so the run's wait ends on real time).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  DisableKeyCommand,
  KMSClient,
  ListKeyRotationsCommand,
  ReplicateKeyCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator';
import { DEFAULT_REPLICA_CREATING_SECONDS } from '../../../../electron/core/emulator/timing';
import { createExternalKey, importMaterial } from '../emulator/helpers';
import { names, run, tempDir, witnessed, writeScript } from './helpers';

const tmp = tempDir('script-rotation');
let emulator: RunningEmulator;
let kms: KMSClient;

beforeAll(async () => {
  emulator = await startEmulator({ dataDir: tmp.at('kms'), port: 0, rotationSeconds: 1, wrappingKeyPool: 1 });
  kms = new KMSClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
});
afterAll(async () => {
  kms.destroy();
  await emulator.close();
  tmp.cleanup();
});

async function keyWithMaterial() {
  const key = await createExternalKey(kms);
  const first = await importMaterial(kms, key.KeyId!, randomBytes(32));
  return { keyId: key.KeyId!, firstId: first.KeyMaterialId! };
}

const rotationScript = (keyId: string, output: string, extra: Record<string, unknown> = {}) => ({
  ceremony: names,
  ...witnessed,
  target: { emulator: { endpoint: emulator.endpoint } },
  key: { id: keyId },
  material: { generate: true },
  expiration: { validForDays: 200 },
  rotation: { description: 'scripted rotation 2027', approvedBy: ['Wes Witness'] },
  output,
  ...extra,
});

const stepLines = (out: string) =>
  out
    .split('\n')
    .filter((l) => /^ {2}(ok|FAIL) /.test(l))
    .map((l) => l.trim().split(/ +/).slice(0, 2).join(' '));

describe('kms-ceremony run: rotation', () => {
  it('rotates an existing key to generated material from YAML, with approvals, wait and proof', async () => {
    const { keyId, firstId } = await keyWithMaterial();
    const script = writeScript(tmp.dir, 'rotate.yaml', rotationScript(keyId, 'rotate'));
    const { result, error, out } = await run({ scriptPath: script });
    expect(error).toBeNull();
    expect(result).toMatchObject({ mode: 'one-go', outcome: 'completed' });
    expect(stepLines(out)).toEqual([
      'ok ceremony.started',
      'ok kms.connected',
      'ok key.described',
      'ok rotation.checked',
      'ok parameters.fetched',
      'ok fingerprint.confirmed',
      'ok material.generated',
      'ok material.wrapped',
      'ok import.approval-requested',
      'ok import.approved',
      'ok material.imported',
      'ok rotation.pending',
      'ok rotation.approval-requested',
      'ok rotation.approved',
      'ok rotation.started',
      'ok rotation.completed',
      'ok rotation.verified',
      'ok ceremony.completed',
      'ok record.written',
    ]);
    expect(out).toContain('NEW_KEY_MATERIAL “scripted rotation 2027”');
    expect(out).toMatch(/KMS encrypts with the new material/);
    const { Rotations } = await kms.send(
      new ListKeyRotationsCommand({ KeyId: keyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
    );
    expect(Rotations?.map((r) => [r.KeyMaterialState, r.KeyMaterialDescription])).toEqual([
      ['NON_CURRENT', undefined],
      ['CURRENT', 'scripted rotation 2027'],
    ]);
    expect(Rotations?.[0]?.KeyMaterialId).toBe(firstId);
    expect(result!.transcript!.complete).toBe(true);
    const transcript = readFileSync(result!.transcriptPath!, 'utf8');
    expect(transcript).toContain('"action":"rotation.verified"');
  });

  it('a disabled key is refused in words before any material is made; the ceremony is aborted', async () => {
    const { keyId } = await keyWithMaterial();
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const script = writeScript(tmp.dir, 'disabled.yaml', rotationScript(keyId, 'disabled'));
    const { error, out } = await run({ scriptPath: script });
    expect(error?.code).toBe('ROTATION_DISABLED');
    expect(out).toMatch(/FAIL +rotation\.checked/);
    expect(out).not.toMatch(/material\.generated/);
    expect(out).toMatch(/aborted/);
  });

  it('refuses rotation: with key: { create } and across the air gap, before anything runs', async () => {
    const created = writeScript(tmp.dir, 'create.yaml', {
      ...rotationScript('unused', 'create'),
      key: { create: { keySpec: 'SYMMETRIC_DEFAULT' } },
    });
    const bad = await run({ scriptPath: created });
    expect(bad.error?.message).toContain(
      'a rotation rotates an existing key; write key: { id: alias/my-key }',
    );
    const { keyId } = await keyWithMaterial();
    const split = writeScript(tmp.dir, 'split.yaml', rotationScript(keyId, 'split'));
    const until = await run({ scriptPath: split, until: 'parameters' });
    expect(until.error?.code).toBe('USAGE');
    expect(until.error?.message).toContain('declares rotation:, which runs in one go');
  });

  it('rotates a multi-Region primary from YAML: new material into the primary, then every replica, then the rotation every Region follows', async () => {
    const key = await createExternalKey(kms, 'SYMMETRIC_DEFAULT', { MultiRegion: true });
    const first = randomBytes(32);
    await importMaterial(kms, key.KeyId!, first);
    await kms.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'eu-west-1' }));
    emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
    const eu = new KMSClient({
      endpoint: emulator.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    try {
      await importMaterial(eu, key.KeyId!, first);
      const script = writeScript(tmp.dir, 'rotate-mrk.yaml', rotationScript(key.KeyId!, 'rotate-mrk'));
      const { result, error, out } = await run({ scriptPath: script });
      expect(error).toBeNull();
      expect(result).toMatchObject({ outcome: 'completed' });
      expect(stepLines(out).slice(3, 5)).toEqual(['ok rotation.checked', 'ok rotation.replicas-checked']);
      expect(stepLines(out).slice(9, 22)).toEqual([
        'ok import.approval-requested',
        'ok import.approved',
        'ok material.imported',
        'ok multi-region.region-selected',
        'ok parameters.fetched',
        'ok fingerprint.confirmed',
        'ok material.wrapped',
        'ok import.approval-requested',
        'ok import.approved',
        'ok material.imported',
        'ok multi-region.region-selected',
        'ok rotation.pending',
        'ok rotation.approval-requested',
      ]);
      expect(out).toMatch(/rotation\.pending +[0-9a-f]{64} · PENDING_ROTATION/);
      const current = async (client: KMSClient) =>
        (
          await client.send(
            new ListKeyRotationsCommand({ KeyId: key.KeyId!, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
          )
        ).Rotations?.find((r) => r.KeyMaterialState === 'CURRENT')?.KeyMaterialId;
      const primaryCurrent = await current(kms);
      expect(await current(eu)).toBe(primaryCurrent);
      expect(out).toContain(
        `Regions: us-east-1 (primary) done, ${primaryCurrent}; eu-west-1 (replica) done, ${primaryCurrent}`,
      );
    } finally {
      eu.destroy();
    }
  });
});
