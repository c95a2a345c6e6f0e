/**
 * The station a script runs on: the same data-folder layout as the app (`transcripts/`, `station-key/`,
 * see electron/main/services.ts), a CeremonySession, and the connection target the script declares. A
 * scripted rehearsal talks to a standalone emulator (`kms-ceremony emulator`) by its endpoint, or — with
 * `target: { emulator: {} }` — to an embedded one started here, in its own data folder beside the output
 * (`kms-emulator/`, reused by the next run). The emulator module loads only when it is started.
 */
import { mkdirSync, rmSync } from 'node:fs';
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
  /** Stops the embedded emulator, if one was started. */
  close(): Promise<void>;
}

/** Where an embedded emulator keeps its state, and whether to start it over (`--fresh`). */
export interface EmbeddedEmulatorOptions {
  dataDir: string;
  fresh: boolean;
}

/** The embedded emulator's data folder: beside the script's output folder, shared by every run there. */
export const embeddedEmulatorDir = (output: string) =>
  path.join(path.dirname(path.resolve(output)), 'kms-emulator');

export const STATION_KEY_DIR = 'station-key';

export function openScriptStation(
  dataDir: string,
  target: CeremonyScript['target'],
  embedded?: EmbeddedEmulatorOptions,
): ScriptStation {
  const transcriptsDir = path.join(dataDir, 'transcripts');
  mkdirSync(transcriptsDir, { recursive: true, mode: 0o700 });
  let key: Promise<StationKey> | null = null;
  const stationKey = () => (key ??= loadOrCreateStationKey(path.join(dataDir, STATION_KEY_DIR), 'blocking'));
  let running: { close(): Promise<void> } | null = null;
  const session = new CeremonySession({
    emulator: async () => {
      return target?.emulator && !target.emulator.endpoint && embedded
        ? embeddedEmulator(embedded, target.emulator.region ?? 'us-east-1', (r) => (running = r))
        : standaloneEmulator(target);
    },
    transcriptsDir,
    stationKey,
    transcriptIo: 'blocking', // a CLI process: nothing else waits on its event loop (transcript/append-file.ts)
  });
  return { session, stationKey, dataDir, now: () => session.now(), close: async () => running?.close() };
}

async function embeddedEmulator(
  opts: EmbeddedEmulatorOptions,
  region: string,
  started: (running: { close(): Promise<void> }) => void,
): Promise<EmulatorEndpoint> {
  if (opts.fresh) rmSync(opts.dataDir, { recursive: true, force: true });
  const { startEmulator } = await import('../emulator/index');
  // One ceremony needs one wrapping key: no background pool competing with it for the CPU.
  const running = await startEmulator({ dataDir: opts.dataDir, defaultRegion: region, wrappingKeyPool: 0 });
  started(running);
  return { endpoint: running.endpoint, region, now: () => running.now() };
}

/**
 * How the session reaches the script's emulator. Its clock may run ahead (`--time-offset`, a test clock):
 * the session reads it from the `Date` header of the emulator's answers, through the SDK.
 */
function standaloneEmulator(target: CeremonyScript['target']): EmulatorEndpoint {
  const emulator = target?.emulator;
  if (!emulator?.endpoint) {
    throw new AppError(
      'NO_EMULATOR',
      'This script does not name an emulator.',
      'Write target: { emulator: { endpoint: http://127.0.0.1:4599 } }.',
    );
  }
  return { endpoint: emulator.endpoint, region: emulator.region ?? 'us-east-1' };
}

/** `emulator http://…` or `aws eu-west-1`: saved with pending parameters, compared on resume (any profile). */
export function describeTarget(target: CeremonyScript['target']): string {
  if (target?.emulator) return `emulator ${target.emulator.endpoint ?? '(embedded)'}`;
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
 * host. A non-AWS host that only the AWS config names is refused: there is no one to ask. A multi-Region
 * key's other Regions (`regions`): each one's endpoint from `target.aws.endpoints`; when the script names
 * its own endpoint (a VPC endpoint, a proxy) and none for a Region, that Region is refused before anything
 * is sent there — AWS's public endpoint is not what the officers chose. (An emulator's endpoint serves
 * every Region, as one account's Regions do: core/ceremony/multi-region/regions.ts.)
 */
export function connectPolicy(target: NonNullable<CeremonyScript['target']>) {
  const aws = target.aws;
  const named = aws?.endpoint;
  const confirm: Confirm = () => Promise.resolve(Boolean(named));
  return {
    endpoint: named ? { url: named, source: 'the ceremony script (target.aws.endpoint)' } : null,
    confirm,
    regions: (region: string) => {
      const url = aws?.endpoints?.[region];
      if (!url && named) {
        throw new AppError(
          'ENDPOINT_MISSING_FOR_REGION',
          `The script names its own KMS endpoint for ${aws.region} (${named}) but none for ${region}, another Region of this key.`,
          `Nothing was sent to ${region}. Write target: { aws: { endpoints: { ${region}: https://… } } } (that Region's own endpoint, e.g. its VPC endpoint), or leave out endpoint: to use the AWS config's or AWS's endpoints in every Region.`,
        );
      }
      const regionConfirm: Confirm = () => Promise.resolve(Boolean(url));
      return {
        endpoint: url ? { url, source: `the ceremony script (target.aws.endpoints.${region})` } : null,
        confirm: regionConfirm,
      };
    },
  };
}
