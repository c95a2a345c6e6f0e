import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../../electron/core/crypto';

describe('Secret', () => {
  it('redacts itself in toString, JSON, inspect and template strings', () => {
    const s = Secret.copyOf(Uint8Array.from([0xde, 0xad, 0xbe, 0xef]));
    for (const shown of [String(s), JSON.stringify({ s }), inspect(s), `${s}`]) {
      expect(shown).toContain('[Secret: 4 bytes redacted]');
      expect(shown.toLowerCase()).not.toContain('deadbeef');
    }
  });

  it('keeps its bytes in a non-pooled buffer and wipes them', () => {
    const s = Secret.random(32);
    let held: Buffer | null = null;
    s.use((b) => {
      expect(b.buffer.byteLength).toBe(32); // not a slice of the 8 KiB pool
      held = b;
    });
    s.wipe();
    expect(s.wiped).toBe(true);
    expect(held!.every((x: number) => x === 0)).toBe(true);
    expect(() => s.use(() => 0)).toThrow(/wiped/);
  });

  it('compares by content', () => {
    const a = Secret.copyOf(Buffer.from([1, 2, 3]));
    expect(a.equals(Secret.copyOf(Buffer.from([1, 2, 3])))).toBe(true);
    expect(a.equals(Secret.copyOf(Buffer.from([1, 2, 4])))).toBe(false);
    expect(a.equals(Secret.alloc(4))).toBe(false);
  });
});
