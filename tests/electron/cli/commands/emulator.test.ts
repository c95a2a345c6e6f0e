import { describe, expect, it } from 'vitest';
import { emulatorOptionsFromArgs } from '../../../../electron/cli/commands/emulator';

describe('kms-ceremony emulator options', () => {
  it('--replica-creating-seconds and --rotation-seconds reach the emulator; absent, its defaults apply', () => {
    const given = emulatorOptionsFromArgs(['--replica-creating-seconds', '3', '--rotation-seconds', '0.5']);
    expect(given).toMatchObject({ replicaCreatingSeconds: 3, rotationSeconds: 0.5 });
    const absent = emulatorOptionsFromArgs([]);
    expect(absent.replicaCreatingSeconds).toBeUndefined();
    expect(absent.rotationSeconds).toBeUndefined();
  });

  it('a delay that is not a number is a USAGE error naming the flag', () => {
    expect(() => emulatorOptionsFromArgs(['--rotation-seconds', 'soon'])).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('--rotation-seconds') }),
    );
  });
});
