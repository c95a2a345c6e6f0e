/**
 * run.cjs is built from the AWS SDK's ES modules (scripts/cli-build.mjs, `mainFields`), so a client brings
 * only the commands that are imported: built with run.cjs's options, a bundle that imports DescribeKey has no
 * ScheduleKeyDeletion command, while the same bundle from the SDK's CommonJS files (esbuild's default for
 * Node) has all of them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleLikeRun, runBundleOptions } from '../helpers/run-bundle';

const dir = mkdtempSync(path.join(tmpdir(), 'kms-sdk-esm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENTRY = `export { KMSClient, DescribeKeyCommand } from '@aws-sdk/client-kms';`;

describe('run.cjs and the AWS SDK', () => {
  it('is built from the SDK’s ES modules, so unused commands are left out', async () => {
    expect(runBundleOptions().mainFields).toEqual(['module', 'main']);
    const esm = readFileSync(
      await bundleLikeRun({ entry: ENTRY, outfile: path.join(dir, 'esm.cjs') }),
      'utf8',
    );
    const cjs = readFileSync(
      await bundleLikeRun({ entry: ENTRY, outfile: path.join(dir, 'cjs.cjs'), mainFields: null }),
      'utf8',
    );
    expect(esm).toContain('DescribeKeyCommand');
    expect(esm).not.toContain('ScheduleKeyDeletionCommand');
    expect(cjs).toContain('ScheduleKeyDeletionCommand');
    expect(esm.length).toBeLessThan(cjs.length);
  });
});
