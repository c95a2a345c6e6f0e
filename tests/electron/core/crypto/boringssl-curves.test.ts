import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

// Electron's BoringSSL has no secp256k1: simulate that runtime by hiding the curve from getCurves().
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, getCurves: () => actual.getCurves().filter((c) => c !== 'secp256k1') };
});

const { checkValue, generateKeyMaterial, publicKeyFromMaterial, Secret, validateMaterialForKeySpec } =
  await import('../../../../electron/core/crypto');

describe('ECC_SECG_P256K1 without a native secp256k1 (BoringSSL)', () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }); // the real OpenSSL makes the fixture
  const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
  const spki = pair.publicKey.export({ type: 'spki', format: 'der' });

  it('validates structurally and derives the SPKI from the embedded public point', () => {
    const material = Secret.copyOf(pkcs8);
    expect(validateMaterialForKeySpec('ECC_SECG_P256K1', material)).toEqual({ ok: true });
    expect(publicKeyFromMaterial('ECC_SECG_P256K1', material)!.equals(spki)).toBe(true);
    expect(checkValue('ECC_SECG_P256K1', material).kind).toBe('SPKI-SHA256');
  });

  it('rejects a wrong-size scalar and explains that generation needs another tool', async () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({
      type: 'pkcs8',
      format: 'der',
    });
    const v = validateMaterialForKeySpec('ECC_SECG_P256K1', Secret.copyOf(p256));
    expect(v).toEqual({ ok: false, reason: expect.stringMatching(/secp256k1; this key is on the P-256/) });
    await expect(generateKeyMaterial('ECC_SECG_P256K1')).rejects.toThrow(
      /has no secp256k1 curve.*cannot generate/,
    );
  });
});
