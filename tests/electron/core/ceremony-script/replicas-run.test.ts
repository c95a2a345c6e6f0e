/**
 * `replicas:` in a ceremony script (issue 13): a multi-Region primary and its replicas from YAML, against the
 * emulator on a port (replicas Creating for 1 s so the run's wait ends on real time); a second run of a
 * larger script resumes, skipping the Region KMS says is done.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator';
import { names, run, tempDir, witnessed, writeScript } from './helpers';

const tmp = tempDir('script-replicas');
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    dataDir: tmp.at('kms'),
    port: 0,
    replicaCreatingSeconds: 1,
    wrappingKeyPool: 1,
  });
  writeFileSync(tmp.at('material.bin'), randomBytes(32), { mode: 0o600 });
});
afterAll(async () => {
  await emulator.close();
  tmp.cleanup();
});

const script = (key: Record<string, unknown>, regions: string[], output: string) => ({
  ceremony: names,
  ...witnessed,
  target: { emulator: { endpoint: emulator.endpoint } },
  key,
  material: { file: 'material.bin' },
  expiration: { validForDays: 300 },
  replicas: { regions },
  output,
});

describe('kms-ceremony run: replicas', () => {
  it('imports the same material into the primary and a replica, then a second run resumes into another Region', async () => {
    const first = await run({
      scriptPath: writeScript(
        tmp.dir,
        'first.yaml',
        script({ create: { keySpec: 'SYMMETRIC_DEFAULT', multiRegion: true } }, ['eu-west-1'], 'first'),
      ),
    });
    expect(first.error).toBeNull();
    expect(first.out).toMatch(/ok +multi-region\.replicated +ReplicateKey into eu-west-1/);
    expect(first.out).toMatch(
      /ok +multi-region\.region-verified +eu-west-1 holds key material [0-9a-f]{64}, the same KeyMaterialId as the primary in us-east-1\./,
    );
    const keyId = /\b(mrk-[0-9a-f]+)\b/.exec(first.out)![1]!;

    const second = await run({
      scriptPath: writeScript(
        tmp.dir,
        'second.yaml',
        script({ id: keyId }, ['eu-west-1', 'ap-southeast-2'], 'second'),
      ),
    });
    expect(second.error).toBeNull();
    expect(second.out).toMatch(/ok +multi-region\.replicated +ReplicateKey into ap-southeast-2/);
    expect(second.out).toMatch(
      /ok +multi-region\.region-done +eu-west-1: already holds the primary's material \(resumed\)/,
    );
    expect(second.out).toMatch(/ok +multi-region\.region-verified +ap-southeast-2 holds key material/);
    const regions = /Regions: (.*)/.exec(second.out)![1]!;
    const ids = [...regions.matchAll(/done, ([0-9a-f]{64})/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(second.result!.transcript!.complete).toBe(true);
  }, 120_000);

  it('refuses replicas: for a key created single-Region, before anything runs', async () => {
    const bad = await run({
      scriptPath: writeScript(
        tmp.dir,
        'single.yaml',
        script({ create: { keySpec: 'SYMMETRIC_DEFAULT' } }, ['eu-west-1'], 'single'),
      ),
    });
    expect(bad.error?.message).toContain('replicas need a multi-Region key; write multiRegion: true');
  });

  it('refuses, before anything runs, a Region named twice and replicas of a key that cannot be proven', async () => {
    const twice = await run({
      scriptPath: writeScript(
        tmp.dir,
        'twice.yaml',
        script(
          { create: { keySpec: 'SYMMETRIC_DEFAULT', multiRegion: true } },
          ['sa-east-1', 'sa-east-1'],
          'twice',
        ),
      ),
    });
    expect(twice.error?.message).toContain('a Region is named twice');
    const upper = await run({
      scriptPath: writeScript(
        tmp.dir,
        'upper.yaml',
        script({ create: { keySpec: 'SYMMETRIC_DEFAULT', multiRegion: true } }, ['US-EAST-1'], 'upper'),
      ),
    });
    expect(upper.error?.message).toContain('a Region is not written as AWS names it');
    expect(upper.out).not.toContain('transcript:');
    const hmac = await run({
      scriptPath: writeScript(
        tmp.dir,
        'hmac.yaml',
        script(
          { create: { keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC', multiRegion: true } },
          ['eu-west-1'],
          'hmac',
        ),
      ),
    });
    expect(hmac.error?.message).toContain('replicas of a HMAC_256 key cannot be proven yet');
    for (const r of [twice, hmac]) expect(r.out).not.toContain('transcript:'); // no ceremony was started
  });
});
