/**
 * bin/kms-ceremony.cjs builds the CLI on first use; when a pull added a dependency that node_modules lacks,
 * esbuild fails with "Could not resolve". The user must read what to do, not a stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM build script without type declarations
import { buildFailureMessage } from '../../../scripts/cli-build.mjs';

async function esbuildError(source: string): Promise<unknown> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kms-cli-build-'));
  try {
    writeFileSync(path.join(dir, 'entry.ts'), source);
    return await build({
      entryPoints: [path.join(dir, 'entry.ts')],
      bundle: true,
      write: false,
      logLevel: 'silent',
    }).then(
      () => null,
      (e: unknown) => e,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('buildFailureMessage', () => {
  it('names the missing packages and says to run npm ci', async () => {
    const error = await esbuildError("import 'not-installed-pkg-a';\nimport 'not-installed-pkg-b';\n");
    const message = buildFailureMessage(error) as string;
    expect(message).toMatch(/not-installed-pkg-a, not-installed-pkg-b are not installed/);
    expect(message).toMatch(/Run `npm ci` in .+, then try again\./);
    expect(message).not.toMatch(/\n\s+at /); // no stack frames
  });

  it('shows any other build error as esbuild words it', async () => {
    const error = await esbuildError('const = 1;\n');
    expect(buildFailureMessage(error)).toMatch(/^kms-ceremony cannot be built: Expected identifier/);
  });
});
