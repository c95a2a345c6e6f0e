import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Secret, unwrapKeyMaterial } from '../../../../electron/core/crypto';
import { cli, workDir, wrappingPair } from './crypto-cli-harness';

const w = workDir();
afterAll(() => w.cleanup());
const pair = wrappingPair(2048);
const pubDer = w.write('WrappingPublicKey.bin', pair.der);
const aes = Buffer.alloc(32, 0x5a);
const aesFile = w.write('aes.bin', aes);

type WrapOptions = { pub?: string; algorithm?: string; keySpec?: string; material?: string; out: string };
/** wrap's arguments (defaults: the 32-byte AES key, OAEP-SHA-256, DER public key) with overrides. */
const wrap = (o: WrapOptions, ...extra: string[]) =>
  cli([
    'wrap',
    ...['--public-key', o.pub ?? pubDer, '--algorithm', o.algorithm ?? 'RSAES_OAEP_SHA_256'],
    ...['--key-spec', o.keySpec ?? 'SYMMETRIC_DEFAULT', '--material', o.material ?? aesFile, '--out', o.out],
    ...extra,
  ]);

describe('kms-ceremony wrap', () => {
  it.each([
    ['DER', pubDer],
    ['base64', w.write('pub.b64', pair.der.toString('base64'))],
    ['PEM', w.write('pub.pem', pair.publicKey.export({ type: 'spki', format: 'pem' }))],
  ])('wraps with a %s public key; KMS (our unwrap) recovers the material', async (kind, pub) => {
    const out = w.path(`ekm-${kind}.bin`);
    const r = await wrap({ pub, out });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Wrapped SYMMETRIC_DEFAULT material \(raw, 32 bytes\) with RSAES_OAEP_SHA_256/);
    const blob = readFileSync(out);
    const back = unwrapKeyMaterial({ blob, privateKey: pair.privateKey, algorithm: 'RSAES_OAEP_SHA_256' });
    expect(back.equals(Secret.copyOf(aes))).toBe(true);
    expect(r.stdout + r.stderr).not.toContain(aes.toString('hex'));
  });

  it('refuses to overwrite --out and leaves the file alone', async () => {
    const out = w.write('exists.bin', 'keep me');
    const r = await wrap({ out });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already exists; it was not overwritten/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('refuses incompatible combinations and PKCS1_V1_5 with the reason, writing nothing', async () => {
    const out = w.path('never.bin');
    const rsaAes = await wrap({ algorithm: 'RSA_AES_KEY_WRAP_SHA_256', out });
    expect(rsaAes.code).toBe(1);
    expect(rsaAes.stderr).toMatch(/cannot import SYMMETRIC_DEFAULT material/);
    const pkcs1 = await wrap({ algorithm: 'RSAES_PKCS1_V1_5', out });
    expect(pkcs1.stderr).toMatch(/2023-10-10/);
    expect(() => statSync(out)).toThrow();
  });

  it('reports usage errors with exit code 2', async () => {
    const missing = await cli(['wrap', '--public-key', pubDer]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/error: Missing --algorithm\./);
    const bad = await wrap({ algorithm: 'AES_GCM', out: w.path('x') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown --algorithm "AES_GCM"/);
    expect((await cli(['wrap', '--frobnicate'])).code).toBe(2);
  });

  it('decrypts an encrypted PKCS#8 PEM with --passphrase-file and wraps it with RSA_AES_KEY_WRAP_SHA_256', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const pem = rsa.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' });
    const out = w.path('rsa-ekm.bin');
    const r = await wrap(
      {
        algorithm: 'RSA_AES_KEY_WRAP_SHA_256',
        keySpec: 'RSA_2048',
        material: w.write('rsa-enc.pem', pem),
        out,
      },
      ...['--passphrase-file', w.write('pass.txt', 'pw\n')],
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/note: The encrypted PKCS#8 key was decrypted/);
    const blob = readFileSync(out);
    const back = unwrapKeyMaterial({
      blob,
      privateKey: pair.privateKey,
      algorithm: 'RSA_AES_KEY_WRAP_SHA_256',
    });
    expect(back.use((b) => b.equals(rsa.export({ type: 'pkcs8', format: 'der' })))).toBe(true);
  });
});
