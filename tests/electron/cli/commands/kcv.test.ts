import { afterAll, describe, expect, it } from 'vitest';
import { checkValue, Secret } from '../../../../electron/core/crypto';
import { cli, workDir } from './crypto-cli-harness';

const w = workDir();
afterAll(() => w.cleanup());

describe('kms-ceremony kcv', () => {
  it('prints the CMAC KCV and the legacy ECB KCV for an AES key given as hex', async () => {
    const key = Buffer.alloc(32, 0x11);
    const expected = checkValue('SYMMETRIC_DEFAULT', Secret.copyOf(key));
    const r = await cli([
      'kcv',
      '--key-spec',
      'SYMMETRIC_DEFAULT',
      '--material',
      w.write('k.hex', key.toString('hex') + '\n'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`AES-CMAC KCV ${expected.value}\nAES-ECB KCV (legacy) ${expected.legacyEcbKcv}`);
  });

  it('fails with what was found for a wrong-length HMAC key', async () => {
    const r = await cli([
      'kcv',
      '--key-spec',
      'HMAC_384',
      '--material',
      w.write('h.bin', Buffer.alloc(47, 0xf1)),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/HMAC_384 needs exactly 48 bytes; this file has 47\./);
  });
});
