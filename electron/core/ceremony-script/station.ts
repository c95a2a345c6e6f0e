/**
 * The station a script runs on: the same data-folder layout as the app (`transcripts/`, `station-key/`,
 * see electron/main/services.ts), a CeremonySession, and the connection target the script declares. A
 * scripted rehearsal talks to a standalone emulator (`kms-ceremony emulator`) by its endpoint.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CeremonySession, type EmulatorEndpoint } from '../ceremony/session';
import type { Confirm } from '../confirmation';
import { AppError } from '../errors';
import { loadOrCreateStationKey, type StationKey } from '../transcript';
import type { CeremonyScript } from './schema';

export interface ScriptStation {
  session: CeremonySession;
  stationKey: () => Promise<StationKey>;
  dataDir: string;
  /** The clock KMS judges expiry by: the emulator's once connected to one, else this machine's. */
  now: () => Date;
}

export const STATION_KEY_DIR = 'station-key';

export function openScriptStation(dataDir: string, target: CeremonyScript['target']): ScriptStation {
  const transcriptsDir = path.join(dataDir, 'transcripts');
  mkdirSync(transcriptsDir, { recursive: true, mode: 0o700 });
  let key: Promise<StationKey> | null = null;
  const stationKey = () => (key ??= loadOrCreateStationKey(path.join(dataDir, STATION_KEY_DIR)));
  let now = () => new Date();
  const session = new CeremonySession({
    emulator: async () => {
      const emulator = await standaloneEmulator(target);
      now = emulator.now;
      return emulator;
    },
    transcriptsDir,
    stationKey,
  });
  return { session, stationKey, dataDir, now: () => now() };
}

/** How the session reaches the script's emulator; its clock is read once so expiry checks agree with it. */
async function standaloneEmulator(target: CeremonyScript['target']): Promise<EmulatorEndpoint> {
  const emulator = target?.emulator;
  if (!emulator) {
    throw new AppError(
      'NO_EMULATOR',
      'This script does not name an emulator.',
      'Write target: { emulator: { endpoint: http://127.0.0.1:4599 } }.',
    );
  }
  const offsetMs = await emulatorClockOffset(emulator.endpoint);
  return {
    endpoint: emulator.endpoint,
    region: emulator.region ?? 'us-east-1',
    now: () => new Date(Date.now() + offsetMs),
  };
}

/**
 * The emulator may run ahead (`--time-offset`, a test clock): its loopback-only `/_emulator/clock` says by
 * how much. Anything else (remote host, another KMS-compatible server) is taken to run on our clock.
 */
async function emulatorClockOffset(endpoint: string): Promise<number> {
  try {
    const response = await fetch(new URL('/_emulator/clock', endpoint), {
      signal: AbortSignal.timeout(2000),
    });
    const body = (await response.json()) as { now?: unknown };
    if (!response.ok || typeof body.now !== 'number') return 0;
    const offset = body.now * 1000 - Date.now();
    return Math.abs(offset) < 2000 ? 0 : offset; // seconds resolution: ignore rounding
  } catch {
    return 0;
  }
}

/** `emulator http://…` or `aws eu-west-1`: saved with pending parameters, compared on resume (any profile). */
export function describeTarget(target: CeremonyScript['target']): string {
  if (target?.emulator) return `emulator ${target.emulator.endpoint}`;
  if (target?.aws) return `aws ${target.aws.region}${target.aws.endpoint ? ` ${target.aws.endpoint}` : ''}`;
  return 'none (offline station)';
}

export function connectRequest(target: NonNullable<CeremonyScript['target']>) {
  return target.emulator
    ? ({ target: 'emulator' } as const)
    : ({ target: 'aws', profile: target.aws!.profile ?? null, region: target.aws!.region } as const);
}

/**
 * The connection policy for a script (core/kms/endpoint-policy.ts): an endpoint the script names is held to
 * the same https rule, and the script, written and reviewed by the officers, is their confirmation of its
 * host. A non-AWS host that only the AWS config names is refused: there is no one to ask.
 */
export function connectPolicy(target: NonNullable<CeremonyScript['target']>) {
  const named = target.aws?.endpoint;
  const confirm: Confirm = () => Promise.resolve(Boolean(named));
  return {
    endpoint: named ? { url: named, source: 'the ceremony script (target.aws.endpoint)' } : null,
    confirm,
  };
}
