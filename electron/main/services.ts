/**
 * The station's long-lived services, rooted in one data folder: the embedded emulator (started on first
 * use), the transcripts folder, the Ed25519 station key (created at first run), and the ceremony session.
 * The Electron main process and the test bridge build exactly the same thing.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CeremonySession } from '../core/ceremony/session';
import { loadOrCreateStationKey, type StationKey } from '../core/transcript';
import { lazyEmulator, type EmulatorDelays } from './lazy-emulator';

/** `delays`: the embedded emulator's asynchronous timings (the test bridge shortens them). */
export function createStationServices(dataDir: string, delays: EmulatorDelays = {}) {
  const transcriptsDir = path.join(dataDir, 'transcripts');
  mkdirSync(transcriptsDir, { recursive: true, mode: 0o700 });
  const emulator = lazyEmulator(path.join(dataDir, 'kms-emulator'), undefined, undefined, delays);
  let key: Promise<StationKey> | null = null;
  const stationKey = () => (key ??= loadOrCreateStationKey(path.join(dataDir, 'station-key')));
  const session = new CeremonySession({ emulator: () => emulator.get(), transcriptsDir, stationKey });
  return {
    emulator,
    session,
    station: { transcriptsDir, key: stationKey },
    async close() {
      await session.close(); // wipes any key material still held
      await emulator.close();
    },
  };
}
