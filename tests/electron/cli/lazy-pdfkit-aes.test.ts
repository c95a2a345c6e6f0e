/**
 * scripts/lazy-pdfkit-aes.mjs, as the record worker's build uses it: in a bundle with pdfkit,
 * @noble/ciphers/aes (whose loading builds AES tables) is evaluated only when a PDF is encrypted, and an
 * encrypted PDF still comes out right. The helper's marker on the real module counts its evaluations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLikeRecordWorker } from '../helpers/record-worker-bundle';

const dir = mkdtempSync(path.join(tmpdir(), 'kms-lazy-aes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

const load = (name: string, buildPlugins: boolean) =>
  loadLikeRecordWorker<{ encryptedPdf: () => Promise<Buffer> }>({
    entry: ENTRY,
    outfile: path.join(dir, `${name}.cjs`),
    buildPlugins,
    counted: /@noble[\\/]ciphers[\\/](esm[\\/])?aes\.js$/,
  });

describe('lazy-pdfkit-aes', () => {
  it('without the plugin, loading pdfkit evaluates the AES module (the cost the plugin removes)', async () => {
    const { evaluations } = await load('plain', false);
    expect(evaluations()).toBe(1);
  });

  it("with the worker build's plugins, pdfkit loads without the AES module, and an encrypted PDF loads it once and is AES-256", async () => {
    const { exports: mod, evaluations } = await load('lazy', true);
    expect(evaluations()).toBe(0);
    const pdf = (await mod.encryptedPdf()).toString('latin1');
    expect(evaluations()).toBe(1);
    expect(pdf).toMatch(/\/Filter \/Standard/);
    expect(pdf).toMatch(/\/V 5/); // AES-256 (PDF 1.7 extension level 3)
    await mod.encryptedPdf();
    expect(evaluations()).toBe(1);
  });
});
