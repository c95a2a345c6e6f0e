/**
 * describeKey's `aliases` (electron/core/ceremony/steps/key.ts): selecting a key lists the account's aliases
 * (ListAliases: every alias of the Region); the import and verify steps re-read only the selected key's state
 * (DescribeKey) and keep the aliases listed with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KmsGateway } from '../../../../../electron/core/kms/gateway';
import { lazyEmulator, type LazyEmulator } from '../../../../../electron/main/lazy-emulator';
import { approveAndImport, confirmAndWrap, startedSession } from '../helpers';

let dir: string;
let emulator: LazyEmulator;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'describe-aliases-'));
  emulator = lazyEmulator(path.join(dir, 'kms'));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('describeKey and the account’s aliases', () => {
  it('import and verify read the key’s state without listing aliases; selecting the key lists them', async () => {
    const s = await startedSession(dir, emulator);
    await s.connect({ target: 'emulator' });
    const key = await s.createKey({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      description: 'aliases kept',
      alias: 'alias/aliases-kept',
      multiRegion: false,
    });
    await s.getImportParameters('RSAES_OAEP_SHA_256', 'RSA_4096');
    await s.generateKeyMaterial();
    await confirmAndWrap(s);
    const listAliases = vi.spyOn(KmsGateway.prototype, 'listAliases');
    const describe = vi.spyOn(KmsGateway.prototype, 'describeKey');

    const imported = await approveAndImport(s, {
      expirationModel: 'KEY_MATERIAL_EXPIRES',
      validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(imported.keyState).toBe('Enabled');
    expect((await s.verify()).passed).toBe(true);
    expect(describe).toHaveBeenCalledTimes(2); // after the import, and before the proof
    expect(listAliases).not.toHaveBeenCalled();

    const selected = await s.describeKey(key.keyId);
    expect(listAliases).toHaveBeenCalledTimes(1);
    expect(selected).toMatchObject({ keyState: 'Enabled', aliases: ['alias/aliases-kept'] });
    await s.close();
  });
});
