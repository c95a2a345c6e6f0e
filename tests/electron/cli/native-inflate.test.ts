/**
 * scripts/native-inflate.mjs, as the record worker's build uses it: tiny-inflate (raw DEFLATE in JavaScript,
 * imported by unicode-trie under linebreak and unicode-properties, and by fontkit for WOFF tables, which our
 * fonts never reach: electron/core/pdf/woff-to-sfnt.ts inflates them first) is never evaluated, its stand-in
 * on Node's zlib returns what tiny-inflate returns, and the Unicode tables inflated through it (line
 * breaking, character properties) answer as the unbundled packages do. The compiled worker drawing a whole
 * record is tested in tests/electron/core/record/record-pdf-thread.test.ts. The helper's marker on
 * tiny-inflate counts its evaluations.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLikeRecordWorker } from '../helpers/record-worker-bundle';

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'kms-native-inflate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Inflate = (source: Uint8Array, dest: Uint8Array) => Uint8Array;
interface Bundled {
  inflate: Inflate;
  breaks: (text: string) => number[];
  properties: (codePoint: number) => [string, string, number];
}

// What pdfkit and fontkit use tiny-inflate for: the Unicode tries of linebreak and unicode-properties.
const ENTRY = `
import inflate from 'tiny-inflate';
import LineBreaker from 'linebreak';
import unicode from 'unicode-properties';
export { inflate };
export function breaks(text) {
  const breaker = new LineBreaker(text);
  const at = [];
  for (let b; (b = breaker.nextBreak()); ) at.push(b.position);
  return at;
}
export const properties = (c) => [unicode.getCategory(c), unicode.getScript(c), unicode.getCombiningClass(c)];
`;

const load = (name: string, buildPlugins: boolean) =>
  loadLikeRecordWorker<Bundled>({
    entry: ENTRY,
    outfile: path.join(dir, `${name}.cjs`),
    buildPlugins,
    counted: /[\\/]tiny-inflate[\\/]index\.js$/,
  });

const requireHere = createRequire(path.join(root, 'package.json'));
const tinyInflate = requireHere('tiny-inflate') as Inflate;

describe('native-inflate', () => {
  it('without the plugin, the bundle evaluates tiny-inflate (the cost the plugin removes)', async () => {
    const { evaluations } = await load('plain', false);
    expect(evaluations()).toBe(1);
  });

  it("with the worker build's plugins, tiny-inflate is never evaluated and its stand-in returns what it returns", async () => {
    const { exports: mod, evaluations } = await load('native', true);
    expect(evaluations()).toBe(0);
    const text = Buffer.from('key material import token wrapping public key '.repeat(400));
    for (const plain of [text, randomBytes(70_000), Buffer.alloc(0), Buffer.alloc(5000)]) {
      const packed = deflateRawSync(plain);
      for (const make of [
        (n: number) => new Uint8Array(n),
        (n: number) => Buffer.alloc(n), // Buffer#slice is a view, Uint8Array#slice a copy: kept as is
      ]) {
        for (const size of [plain.length, plain.length + 17, Math.floor(plain.length / 2)]) {
          const ours = make(size);
          const theirs = make(size);
          const gotOurs = mod.inflate(packed, ours);
          const gotTheirs = tinyInflate(packed, theirs);
          expect(Buffer.from(gotOurs)).toEqual(Buffer.from(gotTheirs));
          expect(gotOurs.constructor).toBe(gotTheirs.constructor);
          expect(gotOurs === ours).toBe(gotTheirs === theirs);
          expect(gotOurs.buffer === ours.buffer).toBe(gotTheirs.buffer === theirs.buffer);
        }
      }
    }
    expect(() => mod.inflate(Buffer.from([0xff, 0xff, 0xff]), new Uint8Array(10))).toThrow();
  });

  it('line breaks and Unicode properties from the bundle are those of the packages themselves', async () => {
    const { exports: mod } = await load('tables', true);
    const LineBreaker = requireHere('linebreak');
    const unicode = requireHere('unicode-properties');
    const sample =
      'Zoë Ødegård — 密钥仪式 · ключ ceremony: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab (RSA_4096) ١٢٣ שלום';
    const expected: number[] = [];
    const breaker = new LineBreaker(sample);
    for (let b; (b = breaker.nextBreak());) expected.push(b.position);
    expect(mod.breaks(sample)).toEqual(expected);
    for (const c of [0x41, 0xe9, 0x416, 0x5d0, 0x661, 0x5bc6, 0x1f511, 0x300, 0x10ffff]) {
      expect(mod.properties(c)).toEqual([
        unicode.getCategory(c),
        unicode.getScript(c),
        unicode.getCombiningClass(c),
      ]);
    }
  });
});
