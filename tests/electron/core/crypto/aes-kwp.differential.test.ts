import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { aesKeyUnwrapPad, aesKeyWrapPad } from '../../../../electron/core/crypto';
import { sh, tempDir } from './openssl';

/**
 * Our RFC 5649 against OpenSSL's KWP (Node's id-aes256-wrap-pad cipher in-process, and the `openssl enc` CLI for
 * the boundary lengths), both directions. Lengths: the boundaries plus a seeded random sample of 1..4096
 * (set KWP_SEED to replay a run; the seed is printed).
 */
const AIV = Buffer.from('A65959A6', 'hex');
const BOUNDARIES = [1, 7, 8, 9, 15, 16, 17, 4095, 4096];
const SAMPLE = 120;
const seed = Number(process.env.KWP_SEED ?? Date.now() % 2 ** 31);
console.log(`aes-kwp differential: KWP_SEED=${seed}`);

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(seed);
const lengths = [...BOUNDARIES, ...Array.from({ length: SAMPLE }, () => 1 + Math.floor(random() * 4096))];

const opensslWrap = (kek: Buffer, p: Buffer) => {
  const c = createCipheriv('id-aes256-wrap-pad', kek, AIV);
  return Buffer.concat([c.update(p), c.final()]);
};
const opensslUnwrap = (kek: Buffer, w: Buffer) => {
  const d = createDecipheriv('id-aes256-wrap-pad', kek, AIV);
  return Buffer.concat([d.update(w), d.final()]);
};

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe(`AES-KWP differential (${lengths.length} lengths, seed ${seed})`, () => {
  it('ours wraps → OpenSSL unwraps, and OpenSSL wraps → ours unwraps, byte-identical', () => {
    const failures: string[] = [];
    for (const m of lengths) {
      const kek = randomBytes(32);
      const p = randomBytes(m);
      const ours = aesKeyWrapPad(kek, p);
      const theirs = opensslWrap(kek, p);
      if (!ours.equals(theirs)) failures.push(`wrap ${m}`);
      if (!opensslUnwrap(kek, ours).equals(p)) failures.push(`openssl unwrap of ours ${m}`);
      if (!aesKeyUnwrapPad(kek, theirs).equals(p)) failures.push(`our unwrap of openssl ${m}`);
    }
    expect(failures).toEqual([]);
  });

  it('matches `openssl enc -id-aes256-wrap-pad` at the boundary lengths (one batched shell)', () => {
    const kek = randomBytes(32);
    const script = BOUNDARIES.map((m) => {
      writeFileSync(tmp.path(`p${m}`), randomBytes(m));
      return `openssl enc -id-aes256-wrap-pad -K ${kek.toString('hex')} -iv A65959A6 -in p${m} -out w${m}`;
    });
    sh(script.join('\n'), tmp.dir);
    for (const m of BOUNDARIES) {
      const p = readFileSync(tmp.path(`p${m}`));
      expect(aesKeyWrapPad(kek, p).equals(readFileSync(tmp.path(`w${m}`))), `length ${m}`).toBe(true);
    }
  });
});
