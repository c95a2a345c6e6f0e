/**
 * The compiled CLI (bin/kms-ceremony.cjs → build/cli/) writes PDFs: pdfkit reads its standard-font data
 * through package.json "imports" and qrcode is CommonJS, neither of which the tsx-run tests exercise. A
 * printed share sheet from the built CLI must carry its QR code and read back with pdftotext.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const BIN = path.join(root, 'bin', 'kms-ceremony.cjs');

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kms-built-cli-pdf-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[]) => run(process.execPath, [BIN, ...args], { cwd: work, timeout: 170_000 });

describe('built CLI: PDF output', () => {
  it('shares split writes printed sheets with a QR code that pdftotext reads back', async () => {
    await cli(['generate', '--key-spec', 'SYMMETRIC_DEFAULT', '--out', 'm.bin']);
    const split = await cli([
      'shares',
      'split',
      '--key-spec',
      'SYMMETRIC_DEFAULT',
      '--material',
      'm.bin',
      '--key',
      'alias/built-cli',
      '--threshold',
      '2',
      '--share',
      'Alice=sheet',
      '--share',
      'Bob=sheet',
      '--out-dir',
      'out',
    ]);
    expect(split.stdout).toMatch(/share 1 of 2 for Alice \(printed-sheet\)/);
    const sheets = readdirSync(path.join(work, 'out')).filter((f) => f.endsWith('.pdf'));
    expect(sheets).toHaveLength(2);
    const { stdout: text } = await run('pdftotext', [path.join(work, 'out', sheets[0]!), '-']);
    expect(text).toMatch(/Share 1 of 2/);
    expect(text).toMatch(/QR code: the same text as below/);
    expect(text).not.toMatch(/too long for a QR code/);
  }, 180_000);

  it('run that fails before its record exits 1 at once: the warm PDF worker never holds the process', async () => {
    // The worker starts with every one-go run; a script that cannot be read fails before any record.
    const failed = await run(process.execPath, [BIN, 'run', 'missing.yaml'], {
      cwd: work,
      timeout: 60_000,
    }).then(
      () => null,
      (e: { code?: number; killed?: boolean; stderr?: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1, killed: false });
    expect(failed?.stderr).toMatch(/Cannot read the ceremony script .*missing\.yaml/);
    // The error comes from run.cjs and is shown by the ES module chunks: its hint survives the crossing.
    expect(failed?.stderr).toMatch(/hint: Check the path/);
    expect(failed?.stderr).not.toMatch(/This is a bug/);
  }, 180_000);

  it('a usage error of run exits 2 with its own hint', async () => {
    const failed = await run(process.execPath, [BIN, 'run', 'x.yaml', '--until', 'nope'], {
      cwd: work,
      timeout: 60_000,
    }).then(
      () => null,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/--until nope: the only stop is --until parameters/);
    expect(failed?.stderr).toMatch(/hint: Usage: kms-ceremony run/);
  }, 180_000);
});
