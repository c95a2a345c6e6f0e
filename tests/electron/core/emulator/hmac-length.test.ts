import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator/index';
import { createExternalKey, failure, importMaterial, startHarness, type Harness } from './helpers';

/** HMAC material length (spec §2.1 note 2, §7 #2): exact by default; the lenient flag accepts up to 128 bytes. */
let strict: Harness;
let lenient: RunningEmulator;
let lenientKms: KMSClient;
let lenientDir: string;

beforeAll(async () => {
  strict = await startHarness();
  lenientDir = mkdtempSync(join(tmpdir(), 'kms-hmac-lenient-'));
  lenient = await startEmulator({ dataDir: lenientDir, hmacAcceptLonger: true });
  lenientKms = new KMSClient({
    endpoint: lenient.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  lenientKms.destroy();
  await lenient.close();
  rmSync(lenientDir, { recursive: true, force: true });
  await strict.close();
});

describe('HMAC material length', () => {
  it('by default only the digest length is accepted (one byte more or less is InvalidCiphertextException)', async () => {
    for (const size of [31, 33]) {
      const key = await createExternalKey(strict.kms, 'HMAC_256');
      expect((await failure(() => importMaterial(strict.kms, key.KeyId!, randomBytes(size)))).name).toBe(
        'InvalidCiphertextException',
      );
    }
  });

  it('with hmacAcceptLonger, 33..128 bytes import and MAC with the whole key; 129 bytes is refused', async () => {
    const secret = randomBytes(100);
    const key = await createExternalKey(lenientKms, 'HMAC_256');
    await importMaterial(lenientKms, key.KeyId!, secret, { algorithm: 'RSAES_OAEP_SHA_1' });
    const message = Buffer.from('m');
    const { Mac } = await lenientKms.send(
      new GenerateMacCommand({ KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }),
    );
    expect(Buffer.from(Mac!).equals(createHmac('sha256', secret).update(message).digest())).toBe(true);
    const tooLong = await createExternalKey(lenientKms, 'HMAC_256');
    expect(
      (
        await failure(() =>
          importMaterial(lenientKms, tooLong.KeyId!, randomBytes(129), { algorithm: 'RSAES_OAEP_SHA_1' }),
        )
      ).name,
    ).toBe('InvalidCiphertextException');
  });
});
