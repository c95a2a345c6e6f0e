import { createPublicKey } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WrappingPool } from '../../../../electron/core/emulator/wrapping-pool';

/** The RSA wrapping-key pool: lazy per spec, small, refilled in the background, never hands out a pair twice. */
let pool: WrappingPool | undefined;
afterEach(() => pool?.close());

const waitFor = async (predicate: () => boolean) => {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 25));
  return predicate();
};

describe('WrappingPool', () => {
  it('starts a spec only on first use, then keeps `size` pairs ready', async () => {
    pool = new WrappingPool(2);
    expect(pool.readyCount('RSA_2048')).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(pool.readyCount('RSA_2048')).toBe(0); // nothing generated while idle
    const pair = await pool.take('RSA_2048');
    expect(
      createPublicKey({ key: pair.publicKeyDer, format: 'der', type: 'spki' }).asymmetricKeyDetails
        ?.modulusLength,
    ).toBe(2048);
    expect(await waitFor(() => pool!.readyCount('RSA_2048') === 2)).toBe(true);
    expect(pool.readyCount('RSA_3072')).toBe(0);
  });

  it('hands out a different key pair every time', async () => {
    pool = new WrappingPool(2);
    const pairs = await Promise.all([pool.take('RSA_2048'), pool.take('RSA_2048'), pool.take('RSA_2048')]);
    const hexes = new Set(pairs.map((p) => p.publicKeyDer.toString('hex')));
    expect(hexes.size).toBe(3);
  });
});
