import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../../electron/cli/main';

/** Runs the CLI in-process with captured output, in a temp directory the test owns. */
export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

export function workDir() {
  const dir = mkdtempSync(join(tmpdir(), 'kms-cli-'));
  return {
    dir,
    path: (name: string) => join(dir, name),
    write: (name: string, data: Uint8Array | string) => {
      writeFileSync(join(dir, name), data);
      return join(dir, name);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A wrapping key pair like GetParametersForImport's (the private half plays KMS in tests). */
export function wrappingPair(bits = 2048) {
  const pair = generateKeyPairSync('rsa', { modulusLength: bits });
  return { ...pair, der: pair.publicKey.export({ type: 'spki', format: 'der' }) };
}
