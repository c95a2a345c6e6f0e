/**
 * The saved parameters of a ceremony stopped at the air gap (pending.ts): a multi-Region key's other Regions
 * name the Region each token belongs to, and that name reaches a connection (endpoint and signing scope), so
 * it must be a Region's name, as everywhere else a Region is read.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPending, pendingPath } from '../../../../electron/core/ceremony-script/pending';

const b64 = () => randomBytes(32).toString('base64');
function saved(region: string) {
  return {
    format: 'kms-ceremony/pending-parameters',
    version: 1,
    ceremonyId: '20261128T090000Z-abc123',
    savedAt: '2026-11-28T09:00:00.000Z',
    target: 'emulator http://127.0.0.1:1',
    keyId: 'mrk-1234abcd12ab34cd56ef1234567890ab',
    keyArn: 'arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab',
    wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
    wrappingKeySpec: 'RSA_2048',
    publicKey: b64(),
    importToken: b64(),
    publicKeySha256: 'a'.repeat(64),
    parametersValidTo: '2026-11-29T09:00:00.000Z',
    otherRegions: [
      {
        region,
        keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab',
        publicKey: b64(),
        importToken: b64(),
        publicKeySha256: 'b'.repeat(64),
        parametersValidTo: '2026-11-29T09:00:00.000Z',
      },
    ],
  };
}

async function load(region: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pending-'));
  const file = pendingPath(dir, '20261128T090000Z-abc123');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(saved(region)), { mode: 0o600 });
  return loadPending(dir, '20261128T090000Z-abc123');
}

describe('saved parameters of a multi-Region key', () => {
  it("reads each other Region's parameters", async () => {
    expect((await load('eu-west-1')).otherRegions?.[0]?.region).toBe('eu-west-1');
  });

  it('refuses a Region that is not a Region name', async () => {
    await expect(load('evil.example.com/x')).rejects.toMatchObject({ code: 'PENDING_CORRUPT' });
  });
});
