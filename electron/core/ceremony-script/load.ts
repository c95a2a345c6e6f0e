/**
 * Reads a ceremony script (YAML, or JSON, which YAML 1.2 also reads), validates it, and resolves its
 * relative paths against the script's own folder, so a script and its files can be carried together.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { AppError } from '../errors';
import { CeremonyScriptSchema, type CeremonyScript } from './schema';

export interface LoadedScript {
  file: string;
  script: CeremonyScript;
}

const EXAMPLE_HINT =
  'Fix the fields named above; examples/symmetric-rehearsal.yaml and electron/core/ceremony-script/README.md show a complete script.';

export async function loadCeremonyScript(file: string): Promise<LoadedScript> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    // Read on this thread: the CLI has nothing to do meanwhile, and the thread pool's four round trips of
    // fs.promises.readFile (open, stat, read, close) cost a scripted ceremony ~3 ms before its first step.
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new AppError(
      'NOT_FOUND',
      `Cannot read the ceremony script ${absolute} (${e.code ?? e.message}).`,
      'Check the path; the script is a .yaml or .json file.',
    );
  }
  return { file: absolute, script: parseCeremonyScript(text, absolute) };
}

/** Parses and validates script text; `file` names it in messages and anchors relative paths. */
export function parseCeremonyScript(text: string, file: string): CeremonyScript {
  let raw: unknown;
  try {
    raw = YAML.parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new AppError(
      'SCRIPT_SYNTAX',
      `${file} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
      'Fix the line named; indent nested fields with spaces, not tabs, and quote text containing ": ".',
    );
  }
  const parsed = CeremonyScriptSchema.safeParse(raw ?? undefined);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    throw new AppError(
      'SCRIPT_INVALID',
      `${file} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      EXAMPLE_HINT,
    );
  }
  return resolvePaths(parsed.data, path.dirname(file));
}

/** "ceremony.witnesses[1]: write a witness's name …" — one line per issue, field first. */
export function describeIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const field = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
      .join('');
    return `${field || '(the whole script)'}: ${issue.message}`;
  });
}

function resolvePaths(script: CeremonyScript, dir: string): CeremonyScript {
  const at = (p: string) => path.resolve(dir, p);
  return {
    ...script,
    output: at(script.output),
    ...(script.parameters !== undefined ? { parameters: at(script.parameters) } : {}),
    ...(script.material
      ? {
          material: {
            ...script.material,
            ...(script.material.file !== undefined ? { file: at(script.material.file) } : {}),
            ...(script.material.passphraseFile !== undefined
              ? { passphraseFile: at(script.material.passphraseFile) }
              : {}),
            ...(script.material.components
              ? { components: script.material.components.map((c) => atPaths(c, at)) }
              : {}),
            ...(script.material.shares ? { shares: script.material.shares.map((s) => atPaths(s, at)) } : {}),
          },
        }
      : {}),
    ...(script.backup
      ? { backup: { ...script.backup, shares: script.backup.shares.map((s) => atPaths(s, at)) } }
      : {}),
  };
}

/** The custody entries' file fields (file, sheet, age, identity, passphraseFile), resolved; `sheet: true` stays. */
function atPaths<T extends object>(entry: T, at: (p: string) => string): T {
  const paths = ['file', 'sheet', 'age', 'identity', 'passphraseFile'];
  return Object.fromEntries(
    Object.entries(entry).map(([k, v]) => [k, paths.includes(k) && typeof v === 'string' ? at(v) : v]),
  ) as T;
}
