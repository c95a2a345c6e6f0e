import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadKeyMaterial,
  Secret,
  validateMaterialForKeySpec,
  type KeySpec,
} from '../../../../../electron/core/crypto';
import { sh, tempDir } from '../openssl';

const tmp = tempDir();
const file = (name: string) => readFileSync(tmp.path(name));
const pass = () => Secret.copyOf(Buffer.from('correct horse'));

beforeAll(() => {
  // One shell for all fixtures: process start-up is the expensive part on a shared 2-core box.
  sh(
    `
    openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:2048 -out rsa.pem 2>/dev/null
    openssl pkey -in rsa.pem -outform DER -out rsa-pkcs1.der
    openssl pkcs8 -topk8 -nocrypt -in rsa.pem -outform DER -out rsa-pkcs8.der
    openssl rsa -in rsa.pem -traditional -out rsa-pkcs1.pem 2>/dev/null
    openssl pkcs8 -topk8 -in rsa.pem -passout pass:'correct horse' -out rsa-enc.pem
    openssl rsa -in rsa.pem -traditional -aes256 -passout pass:'correct horse' -out rsa-legacy-enc.pem 2>/dev/null
    openssl req -x509 -key rsa.pem -subj /CN=test -days 1 -out rsa-cert.pem 2>/dev/null
    openssl pkcs12 -export -inkey rsa.pem -in rsa-cert.pem -passout pass:'correct horse' -out rsa.p12
    openssl pkcs12 -export -inkey rsa.pem -in rsa-cert.pem -passout pass: -out rsa-nopass.p12
    openssl pkcs12 -export -legacy -inkey rsa.pem -in rsa-cert.pem -passout pass:'correct horse' -out rsa-legacy.p12
    openssl pkey -in rsa.pem -pubout -out rsa-pub.pem
    openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-256 -out p256.pem
    openssl pkey -in p256.pem -outform DER -traditional -out p256-sec1.der 2>/dev/null || openssl ec -in p256.pem -outform DER -out p256-sec1.der 2>/dev/null
    openssl ec -in p256.pem -out p256-sec1.pem 2>/dev/null
    openssl req -x509 -key p256.pem -subj /CN=test -days 1 -out p256-cert.pem 2>/dev/null
    openssl pkcs12 -export -inkey p256.pem -in p256-cert.pem -passout pass:'correct horse' -out p256.p12
    openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-384 -out p384.pem
    openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:secp256k1 | openssl pkcs8 -topk8 -nocrypt -outform DER -out k1.der
    openssl genpkey -algorithm ed25519 -outform DER -out ed.der
    openssl rand -out hmac47.bin 47
    openssl rand -out aes.bin 32
    xxd -p aes.bin | tr -d '\\n' > aes.hex
    base64 aes.bin > aes.b64
    `,
    tmp.dir,
  );
});
afterAll(() => tmp.cleanup());

async function load(
  name: string,
  keySpec: KeySpec,
  extra: Parameters<typeof loadKeyMaterial>[1] = { keySpec },
) {
  return loadKeyMaterial(file(name), { ...extra, keySpec });
}

const pkcs8Of = (name: string) => file(name);

describe('loadKeyMaterial', () => {
  it('reads raw, hex and base64 symmetric keys to the same 32 bytes', async () => {
    const raw = await load('aes.bin', 'SYMMETRIC_DEFAULT');
    const hex = await load('aes.hex', 'SYMMETRIC_DEFAULT');
    const b64 = await load('aes.b64', 'SYMMETRIC_DEFAULT');
    expect([raw.formatFound, hex.formatFound, b64.formatFound]).toEqual(['raw', 'hex', 'base64']);
    expect(raw.material.equals(hex.material) && raw.material.equals(b64.material)).toBe(true);
    expect(raw.material.use((b) => b.equals(file('aes.bin')))).toBe(true);
  });

  it('says what was found when an HMAC key has the wrong length', async () => {
    await expect(load('hmac47.bin', 'HMAC_384')).rejects.toThrow(
      'HMAC_384 needs exactly 48 bytes; this file has 47.',
    );
    await expect(load('aes.hex', 'HMAC_384')).rejects.toThrow(/this file is text \(as hex it is 32 bytes/);
  });

  it('keeps PKCS#8 DER as it is', async () => {
    const r = await load('rsa-pkcs8.der', 'RSA_2048');
    expect(r.formatFound).toBe('PKCS#8 DER');
    expect(r.notes).toEqual([]);
    expect(r.material.use((b) => b.equals(pkcs8Of('rsa-pkcs8.der')))).toBe(true);
  });

  it('converts PKCS#1 DER (openssl genpkey -outform DER) to PKCS#8 and says so', async () => {
    const r = await load('rsa-pkcs1.der', 'RSA_2048');
    expect(r.notes.join(' ')).toMatch(
      /PKCS#1 RSAPrivateKey DER as written by `openssl genpkey -outform DER`; it was converted to PKCS#8/,
    );
    expect(r.material.use((b) => b.equals(pkcs8Of('rsa-pkcs8.der')))).toBe(true);
  });

  it('converts PKCS#1 PEM, SEC1 DER and SEC1 PEM to PKCS#8', async () => {
    const pem = await load('rsa-pkcs1.pem', 'RSA_2048');
    expect(pem.formatFound).toBe('PKCS#1 PEM');
    expect(pem.notes[0]).toMatch(/BEGIN RSA PRIVATE KEY.*converted to PKCS#8/);
    expect(pem.material.use((b) => b.equals(pkcs8Of('rsa-pkcs8.der')))).toBe(true);
    for (const name of ['p256-sec1.der', 'p256-sec1.pem']) {
      const r = await load(name, 'ECC_NIST_P256');
      expect(r.notes[0]).toMatch(/SEC1 ECPrivateKey/);
      expect(validateMaterialForKeySpec('ECC_NIST_P256', r.material)).toEqual({ ok: true });
    }
  });

  it('decrypts encrypted PKCS#8 PEM and legacy encrypted PEM with the passphrase, and asks for one', async () => {
    for (const name of ['rsa-enc.pem', 'rsa-legacy-enc.pem']) {
      const r = await load(name, 'RSA_2048', { keySpec: 'RSA_2048', passphrase: pass() });
      expect(r.material.use((b) => b.equals(pkcs8Of('rsa-pkcs8.der')))).toBe(true);
      await expect(load(name, 'RSA_2048')).rejects.toThrow(/a passphrase is needed/);
      await expect(
        load(name, 'RSA_2048', { keySpec: 'RSA_2048', passphrase: Secret.copyOf(Buffer.from('wrong')) }),
      ).rejects.toThrow(/passphrase does not decrypt/);
    }
  });

  it('extracts the key from PKCS#12 (OpenSSL 3 defaults and -legacy) through node-forge', async () => {
    for (const name of ['rsa.p12', 'rsa-legacy.p12']) {
      const r = await load(name, 'RSA_2048', { keySpec: 'RSA_2048', passphrase: pass() });
      expect(r.formatFound).toBe('PKCS#12');
      expect(r.material.use((b) => b.equals(pkcs8Of('rsa-pkcs8.der')))).toBe(true);
    }
    const ec = await load('p256.p12', 'ECC_NIST_P256', { keySpec: 'ECC_NIST_P256', passphrase: pass() });
    expect(validateMaterialForKeySpec('ECC_NIST_P256', ec.material)).toEqual({ ok: true });
    await expect(
      load('rsa.p12', 'RSA_2048', { keySpec: 'RSA_2048', passphrase: Secret.copyOf(Buffer.from('nope')) }),
    ).rejects.toThrow(/passphrase does not open this PKCS#12/);
    const open = await load('rsa-nopass.p12', 'RSA_2048');
    expect(open.material.use((b) => b.equals(pkcs8Of('rsa-pkcs8.der')))).toBe(true);
    await expect(load('rsa.p12', 'RSA_2048')).rejects.toThrow(
      /passphrase-protected PKCS#12 .* a passphrase is needed/,
    );
  });

  it('rejects the wrong modulus, curve or algorithm with what was found', async () => {
    await expect(load('rsa-pkcs8.der', 'RSA_3072')).rejects.toThrow(
      /RSA_3072 needs a 3072-bit RSA key; this key is 2048-bit/,
    );
    await expect(load('p384.pem', 'ECC_NIST_P256')).rejects.toThrow(
      /P-256 \(prime256v1\); this key is on the P-384/,
    );
    await expect(load('ed.der', 'ECC_NIST_P256')).rejects.toThrow(/this PKCS#8 key is Ed25519/);
    await expect(load('rsa-pub.pem', 'RSA_2048')).rejects.toThrow(/holds "PUBLIC KEY", not a private key/);
    await expect(load('rsa-cert.pem', 'RSA_2048')).rejects.toThrow(/"CERTIFICATE", not a private key/);
  });

  it('accepts secp256k1 and Ed25519 PKCS#8', async () => {
    expect(
      validateMaterialForKeySpec('ECC_SECG_P256K1', (await load('k1.der', 'ECC_SECG_P256K1')).material),
    ).toEqual({ ok: true });
    const ed = await load('ed.der', 'ECC_NIST_EDWARDS25519');
    expect(ed.material.length).toBe(48);
  });
});

describe('validateMaterialForKeySpec', () => {
  it('rejects PKCS#1 DER given as material, pointing at the app’s own loader (no shell command)', () => {
    const r = validateMaterialForKeySpec('RSA_2048', Secret.copyOf(file('rsa-pkcs1.der')));
    expect(r.ok).toBe(false);
    const reason = r.ok ? '' : r.reason;
    expect(reason).toMatch(/PKCS#1 RSAPrivateKey DER; KMS needs PKCS#8: load the file in step Key material/);
    expect(reason).not.toMatch(/openssl|`/); // words for the people at the table, not a shell
  });

  it('HMAC: exact length by default; 48..128 bytes for HMAC_384 with the emulator fidelity flag', () => {
    expect(validateMaterialForKeySpec('HMAC_384', Secret.random(64)).ok).toBe(false);
    const loose = { hmacAcceptLonger: true };
    expect(validateMaterialForKeySpec('HMAC_384', Secret.random(64), loose)).toEqual({ ok: true });
    expect(validateMaterialForKeySpec('HMAC_384', Secret.random(128), loose)).toEqual({ ok: true });
    expect(validateMaterialForKeySpec('HMAC_384', Secret.random(129), loose)).toEqual({
      ok: false,
      reason: 'HMAC_384 needs 48 to 128 bytes; this material has 129.',
    });
    expect(validateMaterialForKeySpec('HMAC_384', Secret.random(47), loose).ok).toBe(false);
  });

  it('rejects a truncated PKCS#8 and non-importable specs', () => {
    const der = file('rsa-pkcs8.der');
    const r = validateMaterialForKeySpec('RSA_2048', Secret.copyOf(der.subarray(0, der.length - 1)));
    expect(r.ok).toBe(false);
    const ml = validateMaterialForKeySpec('ML_DSA_44', Secret.alloc(32));
    expect(ml.ok).toBe(false);
  });
});
