/** Scripts written to a temp folder, and an in-process runner that captures what it prints. */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { runCeremonyScript, type RunOptions } from '../../../../electron/core/ceremony-script/run';
import { AppError } from '../../../../electron/core/errors';

export function tempDir(prefix: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return {
    dir,
    at: (...p: string[]) => path.join(dir, ...p),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function writeScript(dir: string, name: string, script: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, name.endsWith('.json') ? JSON.stringify(script) : YAML.stringify(script));
  return file;
}

export async function run(options: Omit<RunOptions, 'print'>) {
  const lines: string[] = [];
  try {
    const result = await runCeremonyScript({ ...options, print: (l) => lines.push(l) });
    return { result, error: null, out: lines.join('\n') };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { result: null, error, out: lines.join('\n') };
  }
}

/** Every path under `dir` with its size and mtime: a dry run must leave this unchanged. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = statSync(p);
      out.push(`${path.relative(dir, p)} ${st.isDirectory() ? 'dir' : st.size} ${st.mtimeMs}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

export const names = { operator: 'Ada Officer', witnesses: ['Wes Witness'] };
/** The witness entries the policy needs on a station that wraps and imports: fingerprint, then approval. */
export const witnessed = { fingerprint: { witness: 'Wes Witness' }, approvedBy: ['Wes Witness'] };
