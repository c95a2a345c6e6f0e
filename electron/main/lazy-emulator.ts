/**
 * The embedded KMS emulator, started on first use (on 127.0.0.1, an ephemeral port) so an app that
 * only connects to AWS never runs it. Shared by the Electron main process and the test bridge. Never with
 * the test clock (`testClock`): its HTTP endpoint would let anything on this machine expire every token.
 */
import { startEmulator, type RunningEmulator } from '../core/emulator';
import type { EmulatorEndpoint } from '../core/ceremony/session';

export interface LazyEmulator {
  get(): Promise<Required<EmulatorEndpoint> & { running: RunningEmulator }>;
  close(): Promise<void>;
}

export function lazyEmulator(
  dataDir: string,
  region = 'us-east-1',
  accountId = '111122223333',
): LazyEmulator {
  let starting: Promise<RunningEmulator> | null = null;
  return {
    async get() {
      starting ??= startEmulator({ dataDir, port: 0, defaultRegion: region, accountId });
      const running = await starting.catch((error: unknown) => {
        starting = null;
        throw error;
      });
      return { endpoint: running.endpoint, region, now: () => running.now(), running };
    },
    async close() {
      const running = await starting?.catch(() => null);
      starting = null;
      await running?.close();
    },
  };
}
