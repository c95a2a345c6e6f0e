/**
 * Lists the profiles in the user's AWS config and credentials files (names, kind, Region) so the
 * officers can pick one. Reads names and a few keys only; never returns secrets.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type ProfileKind = 'sso' | 'role' | 'process' | 'static' | 'unknown';
export interface AwsProfile {
  name: string;
  kind: ProfileKind;
  region: string | null;
}

type Sections = Map<string, Map<string, string>>;

/**
 * The AWS config/credentials INI format. An indented `key = value` under a `parent =` with no value is a
 * sub-property, kept as `parent.key` (as the SDKs do, e.g. `kms.endpoint_url` in a `[services …]` section).
 */
export function parseIni(text: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string> | null = null;
  let parent: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const unBom = raw.replace(/^\uFEFF/, '');
    const line = unBom.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = header[1]!.trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      parent = null;
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (/^\s/.test(unBom) && parent) {
      current.set(`${parent}.${key}`, value);
      continue;
    }
    parent = value === '' ? key : null;
    current.set(key, value);
  }
  return sections;
}

function kindOf(keys: Map<string, string>): ProfileKind {
  if (keys.has('sso_session') || keys.has('sso_start_url')) return 'sso';
  if (keys.has('role_arn')) return 'role';
  if (keys.has('credential_process')) return 'process';
  if (keys.has('aws_access_key_id')) return 'static';
  return 'unknown';
}

function readOptional(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function listAwsProfiles(env: NodeJS.ProcessEnv = process.env): AwsProfile[] {
  const home = os.homedir();
  const config = parseIni(readOptional(env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config')));
  const credentials = parseIni(
    readOptional(env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials')),
  );
  const profiles = new Map<string, Map<string, string>>();
  for (const [section, keys] of config) {
    const name = section === 'default' ? 'default' : /^profile\s+(.+)$/.exec(section)?.[1]?.trim();
    if (name) profiles.set(name, new Map([...(profiles.get(name) ?? []), ...keys]));
  }
  for (const [name, keys] of credentials)
    profiles.set(name, new Map([...keys, ...(profiles.get(name) ?? [])]));
  return [...profiles.entries()]
    .map(([name, keys]) => ({ name, kind: kindOf(keys), region: keys.get('region') ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function hasEnvironmentCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
}
