import { describe, expect, it } from 'vitest';
import { aesKeyUnwrapPad, aesKeyWrapPad } from '../../../../electron/core/crypto';
import { RFC5649_VECTORS } from '../../../../electron/core/crypto/self-test-vectors';

const hex = (h: string) => Buffer.from(h, 'hex');

describe('aes-kwp (RFC 5649)', () => {
  it.each(RFC5649_VECTORS.map((v, i) => [i + 1, v] as const))('reproduces RFC 5649 §6 vector %i', (_, v) => {
    expect(aesKeyWrapPad(hex(v.kek), hex(v.key)).toString('hex')).toBe(v.wrapped);
    expect(aesKeyUnwrapPad(hex(v.kek), hex(v.wrapped)).toString('hex')).toBe(v.key);
  });

  it('has output length 8·ceil(m/8)+8 (16 for m ≤ 8) and round-trips', () => {
    const kek = Buffer.alloc(32, 7);
    for (const m of [1, 7, 8, 9, 15, 16, 17, 100]) {
      const p = Buffer.alloc(m, 0xab);
      const w = aesKeyWrapPad(kek, p);
      expect(w.length).toBe(m <= 8 ? 16 : 8 * Math.ceil(m / 8) + 8);
      expect(aesKeyUnwrapPad(kek, w).equals(p)).toBe(true);
    }
  });

  it('rejects empty input and bad KEK sizes with a clear error', () => {
    expect(() => aesKeyWrapPad(Buffer.alloc(32), Buffer.alloc(0))).toThrow(/1 to 2\^32-1 bytes/);
    expect(() => aesKeyWrapPad(Buffer.alloc(31), Buffer.alloc(8))).toThrow(
      /16, 24 or 32 bytes; this one has 31/,
    );
  });
});
