/**
 * `--from wrapped-bundle` for a multi-Region key is checked and resumable (issue 13, "Bad input"): every
 * Region's EncryptedKeyMaterial must be the one the offline station's signed transcript records (manifest.json
 * is not signed), before anything is imported; and one Region's failure leaves the ceremony open with every
 * saved token, so the same command continues with the Regions not done. The case: material expired in the
 * primary and both replicas; the officers reimport their kept copy everywhere.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CancelKeyDeletionCommand,
  DescribeKeyCommand,
  KMSClient,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator';
import { verifyTranscript } from '../../../../electron/core/transcript';
import { expiredMultiRegionKey } from '../emulator/helpers';
import { names, run, tempDir, writeScript } from './helpers';

const tmp = tempDir('script-air-gap-resume');
let emulator: RunningEmulator;
let keyId: string;
let ceremonyId: string;
let onlineScript: string;
const onlineData = () => tmp.at('online-station');
const client = (region: string) =>
  new KMSClient({
    endpoint: emulator.endpoint,
    region,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
const keyState = async (region: string) => {
  const c = client(region);
  try {
    return (await c.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState;
  } finally {
    c.destroy();
  }
};
const wrappedDir = () => path.join(tmp.at('usb'), `${ceremonyId}-wrapped`);
const pendingFile = () => path.join(onlineData(), 'pending', `${ceremonyId}.json`);

beforeAll(async () => {
  emulator = await startEmulator({ dataDir: tmp.at('kms'), port: 0, wrappingKeyPool: 1 });
  const material = randomBytes(32);
  keyId = await expiredMultiRegionKey(emulator, material, ['eu-west-1', 'sa-east-1']);
  writeFileSync(tmp.at('kept-material.bin'), material, { mode: 0o600 });
  onlineScript = writeScript(tmp.dir, 'online.yaml', {
    ceremony: names,
    approvedBy: ['Wes Witness'],
    target: { emulator: { endpoint: emulator.endpoint } },
    key: { id: keyId },
    replicas: { regions: ['eu-west-1', 'sa-east-1'] },
    expiration: { validForDays: 180 },
    output: 'online-out',
  });
  const first = await run({ scriptPath: onlineScript, until: 'parameters', dataDir: onlineData() });
  expect(first.error).toBeNull();
  ceremonyId = first.result!.ceremonyId!;
  const words = /fingerprint to read aloud on the offline station: (.+)/.exec(first.out)![1]!;
  const offline = await run({
    scriptPath: writeScript(tmp.dir, 'offline.yaml', {
      ceremony: names,
      station: 'offline',
      parameters: `online-out/${ceremonyId}-parameters`,
      fingerprint: { witness: 'Wes Witness', heardWords: words },
      material: { file: 'kept-material.bin' },
      output: 'usb',
    }),
    dataDir: tmp.at('offline-station'),
  });
  expect(offline.error).toBeNull();
}, 90_000);
afterAll(async () => {
  await emulator.close();
  tmp.cleanup();
});

describe('kms-ceremony run --from wrapped-bundle: a multi-Region key, checked and resumable', () => {
  it('refuses a Region’s EncryptedKeyMaterial that is not the one the signed offline transcript records; nothing is imported', async () => {
    // Another Region's blob (the right size) under eu-west-1's name, with manifest.json's hash made to match.
    const forged = tmp.at('forged-wrapped');
    cpSync(wrappedDir(), forged, { recursive: true });
    const file = 'EncryptedKeyMaterial.eu-west-1.bin';
    const other = readFileSync(path.join(forged, 'EncryptedKeyMaterial.sa-east-1.bin'));
    writeFileSync(path.join(forged, file), other);
    const manifestPath = path.join(forged, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      otherRegions: { region: string; encryptedKeyMaterial: { sha256: string } }[];
    };
    manifest.otherRegions.find((r) => r.region === 'eu-west-1')!.encryptedKeyMaterial.sha256 = createHash(
      'sha256',
    )
      .update(other)
      .digest('hex');
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

    const { error, out } = await run({
      scriptPath: onlineScript,
      fromWrappedBundle: forged,
      dataDir: onlineData(),
    });
    expect(error).toMatchObject({ code: 'WRAPPED_MATERIAL_MISMATCH' });
    expect(error!.message).toMatch(
      /^EncryptedKeyMaterial\.eu-west-1\.bin for eu-west-1 \(SHA-256 [0-9a-f]{64}\) is not the EncryptedKeyMaterial the offline station wrapped for eu-west-1: its signed transcript records SHA-256 [0-9a-f]{64}\.$/,
    );
    expect(error!.hint).toContain('Nothing was imported in any Region.');
    expect(out).not.toMatch(/material\.imported/);
    expect(out).toContain(`ceremony ${ceremonyId} left open (nothing imported)`);
    for (const region of ['us-east-1', 'eu-west-1', 'sa-east-1'])
      expect(await keyState(region)).toBe('PendingImport');
    expect(existsSync(pendingFile())).toBe(true);
  }, 60_000);

  it('one Region failing leaves the ceremony open with every saved token; the same command continues with the Regions not done', async () => {
    const eu = client('eu-west-1');
    try {
      const scheduled = await eu.send(
        new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }),
      );
      const deletionDate = scheduled.DeletionDate!.toISOString();

      const interrupted = await run({
        scriptPath: onlineScript,
        fromWrappedBundle: wrappedDir(),
        dataDir: onlineData(),
      });
      expect(interrupted.error).toMatchObject({ code: 'MULTI_REGION_INTERRUPTED' });
      expect(interrupted.error!.message).toBe(
        `eu-west-1 failed: The replica in eu-west-1 (arn:aws:kms:eu-west-1:111122223333:key/${keyId}) is scheduled for deletion on ${deletionDate} (KeyState PendingDeletion): KMS imports no key material into it (REPLICA_PENDING_DELETION). Done in this ceremony: us-east-1; not done: eu-west-1, sa-east-1.`,
      );
      expect(interrupted.error!.hint).toMatch(
        /^Cancel the deletion of the replica in eu-west-1 \(CancelKeyDeletion there; enable it if it comes back Disabled\)\. Then run the same command again/,
      );
      expect(interrupted.error!.hint).toContain(
        'run the same command again (--from wrapped-bundle, same --data-dir) before ',
      );
      expect(interrupted.out).toContain(
        `ceremony ${ceremonyId} left open: done in us-east-1; not done in eu-west-1, sa-east-1. The saved parameters stay on this station.`,
      );
      expect(interrupted.out).not.toMatch(/aborted/);
      const transcriptPath = / transcript (\S+\.online\.jsonl)/.exec(interrupted.out)![1]!;
      // The transcript says which Regions are done: us-east-1 verified, eu-west-1's refusal; still open.
      const open = readFileSync(transcriptPath, 'utf8');
      expect(verifyTranscript(open)).toMatchObject({ intact: true, complete: false });
      const events = open
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { action: string; result: string; error?: { code: string } });
      expect(events.some((e) => e.action === 'import.verified' && e.result === 'ok')).toBe(true);
      expect(events.at(-1)).toMatchObject({
        action: 'multi-region.replica-checked',
        result: 'error',
        error: { code: 'REPLICA_PENDING_DELETION' },
      });
      // Every Region's saved parameters and token are kept for the next run.
      const pending = JSON.parse(readFileSync(pendingFile(), 'utf8')) as {
        otherRegions: { region: string }[];
      };
      expect(pending.otherRegions.map((r) => r.region)).toEqual(['eu-west-1', 'sa-east-1']);
      expect(await keyState('us-east-1')).toBe('Enabled');
      expect(await keyState('sa-east-1')).toBe('PendingImport'); // not tried

      await eu.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
      const resumed = await run({
        scriptPath: onlineScript,
        fromWrappedBundle: wrappedDir(),
        dataDir: onlineData(),
      });
      expect(resumed.error).toBeNull();
      expect(resumed.result).toMatchObject({ outcome: 'completed', ceremonyId });
      expect(resumed.out).toMatch(
        /ok +multi-region\.region-done +us-east-1: imported and proven earlier in this ceremony \(resumed\)/,
      );
      expect(resumed.out.match(/ok +material\.imported/g)).toHaveLength(2); // eu-west-1 and sa-east-1 only
      const ids = [.../Regions: (.+)/.exec(resumed.out)![1]!.matchAll(/done, ([0-9a-f]{64})/g)].map(
        (m) => m[1],
      );
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(1);
      expect(existsSync(pendingFile())).toBe(false); // the tokens are spent once every Region is done
      const transcript = readFileSync(resumed.result!.transcriptPath!);
      const verdict = verifyTranscript(transcript);
      expect(verdict).toMatchObject({ intact: true, complete: true });
    } finally {
      eu.destroy();
    }
  }, 120_000);
});
