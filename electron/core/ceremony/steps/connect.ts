/** Step Connect: opens the KMS gateway to the emulator or to AWS (never on the offline station). */
import { AppError } from '../../errors';
import { openConnection, type ConnectTarget } from '../../kms/connect';
import type { Connection } from '../../../shared/ipc-contract';
import { connection, disconnect, runStep, type CeremonyState } from '../state';

export async function connect(
  s: CeremonyState,
  target:
    | { target: 'emulator' }
    | { target: 'aws'; profile: string | null; region: string; endpoint: string | null },
): Promise<Connection> {
  if (s.station === 'offline') {
    throw new AppError(
      'OFFLINE_STATION',
      'This is the offline (air-gapped) station: its KMS gateway is off and it makes no network connection.',
      'Fetch import parameters on the online station and bring the parameters bundle here.',
    );
  }
  return runStep(
    s,
    'kms.connected',
    { target: target.target },
    async () => {
      let resolved: ConnectTarget;
      let now = s.options.now ?? (() => new Date());
      if (target.target === 'emulator') {
        const emulator = await s.options.emulator();
        resolved = { target: 'emulator', endpoint: emulator.endpoint, region: emulator.region };
        now = () => emulator.now();
      } else {
        resolved = target;
      }
      const opened = await openConnection(resolved);
      disconnect(s);
      s.conn = { ...opened, now };
      return connection(s)!;
    },
    (c) => ({ label: c.label, region: c.region, account: c.account, principalArn: c.principalArn }),
  );
}
