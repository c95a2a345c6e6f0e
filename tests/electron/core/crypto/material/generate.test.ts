import { describe, expect, it } from 'vitest';
import {
  IMPORTABLE_KEY_SPECS,
  KEY_SPEC_INFO,
  generateKeyMaterial,
  identifyContainer,
  validateMaterialForKeySpec,
} from '../../../../../electron/core/crypto';

describe('generateKeyMaterial', () => {
  it('generates valid material of the exact KMS form for every importable key spec', async () => {
    const generated = await Promise.all(
      IMPORTABLE_KEY_SPECS.map(async (ks) => [ks, await generateKeyMaterial(ks)] as const),
    );
    for (const [ks, material] of generated) {
      expect(validateMaterialForKeySpec(ks, material), ks).toEqual({ ok: true });
      const shape = KEY_SPEC_INFO[ks].material;
      if (shape.kind === 'symmetric' || shape.kind === 'hmac') expect(material.length).toBe(shape.bytes);
      else expect(material.use((b) => identifyContainer(b).kind)).toBe('pkcs8');
      material.wipe();
    }
  });

  it('gives different material each time', async () => {
    const a = await generateKeyMaterial('SYMMETRIC_DEFAULT');
    const b = await generateKeyMaterial('SYMMETRIC_DEFAULT');
    expect(a.equals(b)).toBe(false);
  });

  it('refuses non-importable key specs with the reason', async () => {
    await expect(generateKeyMaterial('ML_DSA_65')).rejects.toThrow(/ML-DSA/);
    await expect(generateKeyMaterial('SM2')).rejects.toThrow(/China Regions/);
  });
});
