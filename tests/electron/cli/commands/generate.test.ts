import { readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, workDir } from './crypto-cli-harness';

const w = workDir();
afterAll(() => w.cleanup());

describe('kms-ceremony generate', () => {
  it('writes the exact material with mode 0600 and prints only a check value', async () => {
    const out = w.path('hmac.bin');
    const r = await cli(['generate', '--key-spec', 'HMAC_512', '--out', out]);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes.length).toBe(64);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(r.stdout).toMatch(/check value HMAC KCV [0-9A-F]{6}/);
    expect(r.stdout).not.toContain(bytes.toString('hex').slice(0, 12));
  });

  it('writes PKCS#8 DER for EC keys', async () => {
    const out = w.path('p256.der');
    expect((await cli(['generate', '--key-spec', 'ECC_NIST_P256', '--out', out])).code).toBe(0);
    const r = await cli(['inspect', out]);
    expect(r.stdout).toMatch(/valid key material for ECC_NIST_P256 \(PKCS#8 DER\)/);
  });

  it('refuses to overwrite and refuses unknown or non-importable specs', async () => {
    const out = w.write('taken.bin', 'x');
    const again = await cli(['generate', '--key-spec', 'SYMMETRIC_DEFAULT', '--out', out]);
    expect(again.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('x');
    expect((await cli(['generate', '--key-spec', 'AES_512', '--out', w.path('a')])).code).toBe(2);
    const ml = await cli(['generate', '--key-spec', 'ML_DSA_44', '--out', w.path('ml')]);
    expect(ml.code).toBe(1);
    expect(ml.stderr).toMatch(/ML-DSA/);
  });
});
