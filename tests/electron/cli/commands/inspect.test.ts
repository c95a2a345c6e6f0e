import { afterAll, describe, expect, it } from 'vitest';
import { cli, workDir, wrappingPair } from './crypto-cli-harness';

const w = workDir();
afterAll(() => w.cleanup());

describe('kms-ceremony inspect', () => {
  it('describes a wrapping public key, an OAEP blob and a PKCS#1 key without printing secrets', async () => {
    const pair = wrappingPair(2048);
    const pub = await cli(['inspect', w.write('pub.der', pair.der)]);
    expect(pub.stdout).toMatch(/a KMS wrapping public key: RSA_2048 \(der\)/);
    const blob = await cli(['inspect', w.write('blob.bin', Buffer.alloc(256, 0xee))]);
    expect(blob.stdout).toMatch(/RSAES_OAEP_\* under an RSA_2048 wrapping key/);
    const pkcs1 = pair.privateKey.export({ type: 'pkcs1', format: 'der' });
    const r = await cli(['inspect', w.write('k.der', pkcs1)]);
    expect(r.stdout).toMatch(/format {3}PKCS#1 RSAPrivateKey \(DER\)/);
    expect(r.stdout).toMatch(/RSA_2048 \(PKCS#1 RSAPrivateKey DER, needs conversion to PKCS#8\)/);
    expect(r.stdout).toMatch(/digest {3}SHA-256 ([0-9A-F]{4} ){15}[0-9A-F]{4}/);
    expect(r.stdout).not.toContain(pkcs1.toString('base64').slice(40, 80));
  });

  it('needs exactly one file', async () => {
    expect((await cli(['inspect'])).code).toBe(2);
    expect((await cli(['inspect', w.path('nope')])).stderr).toMatch(/Could not open .*nope.*ENOENT/);
  });
});
