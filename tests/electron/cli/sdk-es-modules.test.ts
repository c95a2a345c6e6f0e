/**
 * run.cjs is built from the AWS SDK's ES modules (scripts/cli-build.mjs, `mainFields`), so a client brings
 * only the commands that are imported: built with run.cjs's options, a bundle that imports DescribeKey has no
 * ScheduleKeyDeletion command, while the same bundle from the SDK's CommonJS files (esbuild's default for
 * Node) has all of them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM build script without type declarations
import { cliBundleOptions } from '../../../scripts/cli-build.mjs';

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'kms-sdk-esm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENTRY = `export { KMSClient, DescribeKeyCommand } from '@aws-sdk/client-kms';`;

/** ENTRY bundled with run.cjs's options, with `mainFields` as given; returns the bundle's text. */
async function bundle(name: string, mainFields: string[] | undefined): Promise<string> {
  const run = { ...(cliBundleOptions(dir)[0] as BuildOptions) };
  delete run.entryPoints;
  delete run.outdir;
  delete run.outExtension;
  if (mainFields) run.mainFields = mainFields;
  else delete run.mainFields;
  const outfile = path.join(dir, `${name}.cjs`);
  await build({
    ...run,
    stdin: { contents: ENTRY, resolveDir: root, loader: 'js' },
    outfile,
    logLevel: 'silent',
  });
  return readFileSync(outfile, 'utf8');
}

describe('run.cjs and the AWS SDK', () => {
  it('is built from the SDK’s ES modules, so unused commands are left out', async () => {
    const options = cliBundleOptions(dir)[0] as BuildOptions;
    expect(options.mainFields).toEqual(['module', 'main']);
    const esm = await bundle('esm', options.mainFields);
    const cjs = await bundle('cjs', undefined);
    expect(esm).toContain('DescribeKeyCommand');
    expect(esm).not.toContain('ScheduleKeyDeletionCommand');
    expect(cjs).toContain('ScheduleKeyDeletionCommand');
    expect(esm.length).toBeLessThan(cjs.length);
  });
});
