/**
 * A test file's emulator (default timings: the tests move its clock) and a station folder, with sessions
 * connected to it in plain Node, as the app's main process would be.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { CeremonySession } from '../../../../electron/core/ceremony/session';
import { loadOrCreateStationKey, type StationKey } from '../../../../electron/core/transcript';
import { startHarness, type Harness } from '../emulator/helpers';

export function useEmulatorStation(prefix: string) {
  const station = {} as { h: Harness; dir: string; stationKey: Promise<StationKey> };
  beforeAll(async () => {
    station.h = await startHarness();
    station.dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    station.stationKey = loadOrCreateStationKey(path.join(station.dir, 'station-key'));
  });
  const sessions: CeremonySession[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await station.h.close();
    rmSync(station.dir, { recursive: true, force: true });
  });
  /** A session on this station's transcripts, talking to the emulator in us-east-1; closed after the file. */
  const newSession = () => {
    const session = new CeremonySession({
      emulator: () =>
        Promise.resolve({
          endpoint: station.h.emulator.endpoint,
          region: 'us-east-1',
          now: () => station.h.emulator.now(),
        }),
      transcriptsDir: path.join(station.dir, 'transcripts'),
      stationKey: () => station.stationKey,
    });
    sessions.push(session);
    return session;
  };
  return { station, newSession };
}
