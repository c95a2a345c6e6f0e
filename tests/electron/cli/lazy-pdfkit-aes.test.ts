/**
 * scripts/lazy-pdfkit-aes.mjs, as the record worker's build uses it: in a bundle with pdfkit,
 * @noble/ciphers/aes (whose loading builds AES tables) is evaluated only when a PDF is encrypted, and an
 * encrypted PDF still comes out right. A marker appended to the real module by this test counts its
 * evaluations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLikeRecordWorker } from '../helpers/record-worker-bundle';

const dir = mkdtempSync(path.join(tmpdir(), 'kms-lazy-aes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const countEvaluations: Plugin = {
  name: 'count-aes-evaluations',
  setup(b) {
    b.onLoad({ filter: /@noble[\\/]ciphers[\\/](esm[\\/])?aes\.js$/, namespace: 'file' }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      return {
        contents: `${source}\n;globalThis.__aesEvaluations = (globalThis.__aesEvaluations ?? 0) + 1;`,
      };
    });
  },
};

const ENTRY = `
import PDFDocument from 'pdfkit';
export function encryptedPdf() {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ font: null, userPassword: 'u', ownerPassword: 'o', pdfVersion: '1.7ext3' });
    const chunks = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.rect(10, 10, 50, 50).fill('#000000');
    doc.end();
  });
}
`;

async function load(name: string, buildPlugins: boolean) {
  const g = globalThis as { __aesEvaluations?: number };
  delete g.__aesEvaluations;
  const mod = await loadLikeRecordWorker<{ encryptedPdf: () => Promise<Buffer> }>({
    entry: ENTRY,
    outfile: path.join(dir, `${name}.cjs`),
    buildPlugins,
    plugins: [countEvaluations],
  });
  return { mod, evaluations: () => g.__aesEvaluations ?? 0 };
}

describe('lazy-pdfkit-aes', () => {
  it('without the plugin, loading pdfkit evaluates the AES module (the cost the plugin removes)', async () => {
    const { evaluations } = await load('plain', false);
    expect(evaluations()).toBe(1);
  });

  it("with the worker build's plugins, pdfkit loads without the AES module, and an encrypted PDF loads it once and is AES-256", async () => {
    const { mod, evaluations } = await load('lazy', true);
    expect(evaluations()).toBe(0);
    const pdf = (await mod.encryptedPdf()).toString('latin1');
    expect(evaluations()).toBe(1);
    expect(pdf).toMatch(/\/Filter \/Standard/);
    expect(pdf).toMatch(/\/V 5/); // AES-256 (PDF 1.7 extension level 3)
    await mod.encryptedPdf();
    expect(evaluations()).toBe(1);
  });
});
