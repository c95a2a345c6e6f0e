import { CeremonySession } from '../../../electron/core/ceremony/session';
import type { FileDialogs, MainContext } from '../../../electron/main/context';

export const noDialogs: FileDialogs = {
  openFile: async () => null,
  chooseFolder: async () => null,
  confirm: async () => false,
};

/** A MainContext for handler tests that never reach KMS. */
export function testContext(overrides: Partial<MainContext> = {}): MainContext {
  return {
    runtime: 'browser-bridge',
    appName: 'KMS Key Ceremony',
    appVersion: '1.2.3',
    electronVersion: null,
    dialogs: noDialogs,
    session: new CeremonySession({ emulator: () => Promise.reject(new Error('no emulator in this test')) }),
    station: {
      transcriptsDir: '/nonexistent',
      key: () => Promise.reject(new Error('no station key in this test')),
    },
    ...overrides,
  };
}
