/**
 * The embedded KMS emulator, started on first use (on 127.0.0.1, an ephemeral port) so an app that
 * only connects to AWS never runs it — or earlier, through `warm()`, when an online ceremony opens its
 * Connect step, so the emulator and its wrapping-key pool are ready by the time they are used.
 * Shared by the Electron main process and the test bridge. Never with the test clock (`testClock`): its
 * HTTP endpoint would let anything on this machine expire every token.
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../core/emulator';

/** How long replicas stay Creating and rotations take (emulator timing.ts); tests shorten them. */
export type EmulatorDelays = Pick<EmulatorOptions, 'replicaCreatingSeconds' | 'rotationSeconds'>;
import type { EmulatorEndpoint } from '../core/ceremony/session';

export interface LazyEmulator {
  get(): Promise<Required<EmulatorEndpoint> & { running: RunningEmulator }>;
  /** Starts it in the background; a failure is reported by the next `get()` (the Connect step), not here. */
  warm(): void;
  close(): Promise<void>;
}

export function lazyEmulator(
  dataDir: string,
  region = 'us-east-1',
  accountId = '111122223333',
  delays: EmulatorDelays = {},
): LazyEmulator {
  let starting: Promise<RunningEmulator> | null = null;
  const emulator: LazyEmulator = {
    async get() {
      // One pair per wrapping key spec: the app runs one ceremony at a time, and a second request (new
      // parameters) finds the pool refilled in the background meanwhile; less CPU spent beside the window.
      starting ??= startEmulator({
        dataDir,
        port: 0,
        defaultRegion: region,
        accountId,
        wrappingKeyPool: 1,
        ...delays,
      });
      const running = await starting.catch((error: unknown) => {
        starting = null;
        throw error;
      });
      return { endpoint: running.endpoint, region, now: () => running.now(), running };
    },
    warm() {
      emulator.get().catch(() => undefined);
    },
    async close() {
      const running = await starting?.catch(() => null);
      starting = null;
      await running?.close();
    },
  };
  return emulator;
}
