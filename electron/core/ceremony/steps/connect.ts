/** Step Connect: opens the KMS gateway to the emulator or to AWS (never on the offline station). */
import { declineAll, type Confirm } from '../../confirmation';
import { AppError } from '../../errors';
import { openConnection, type ConnectTarget, type OpenConnection } from '../../kms/connect';
import { approveAwsEndpoints, type ConfiguredEndpoint } from '../../kms/endpoint-policy';
import type { Connection } from '../../../shared/ipc-contract';
import { connection, disconnect, runStep, type CeremonyState } from '../state';

/**
 * The renderer names a target only; the endpoint is main's decision (core/kms/endpoint-policy.ts): the
 * emulator's loopback address, or AWS's endpoint from main's environment and AWS config, confirmed
 * through `policy.confirm` (a native dialog) when its host is not AWS's. `policy.endpoint` is for
 * callers that are not the renderer (a ceremony script names its endpoint).
 */
export async function connect(
  s: CeremonyState,
  target: { target: 'emulator'; region?: string } | { target: 'aws'; profile: string | null; region: string },
  policy: {
    confirm: Confirm;
    env?: NodeJS.ProcessEnv;
    endpoint?: ConfiguredEndpoint | null;
    /** A multi-Region key's other Regions: each one's endpoint and confirmation (a script's; may refuse). */
    regions?: (region: string) => { endpoint: ConfiguredEndpoint | null; confirm: Confirm };
  } = {
    confirm: declineAll,
  },
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
    target.target === 'aws'
      ? { target: 'aws', profile: target.profile, region: target.region }
      : { target: 'emulator', ...(target.region ? { region: target.region } : {}) },
    async () => {
      let resolved: ConnectTarget;
      let openRegion: ((region: string) => Promise<OpenConnection>) | undefined;
      let now: (() => Date) | null = s.options.now ?? (() => new Date());
      if (target.target === 'emulator') {
        const emulator = await s.options.emulator();
        // One endpoint serves every Region (as AWS's Regions do for one account): the Region is the signing scope.
        resolved = {
          target: 'emulator',
          endpoint: emulator.endpoint,
          region: target.region ?? emulator.region,
        };
        now = emulator.now ? () => emulator.now!() : null;
      } else {
        const env = policy.env ?? process.env;
        const endpoints = await approveAwsEndpoints(
          { profile: target.profile, region: target.region, env, override: policy.endpoint },
          policy.confirm,
        );
        resolved = { ...target, endpoints, env };
        // A multi-Region ceremony's other Regions: the same profile (or environment credentials) and the
        // same endpoint policy, Region by Region; the renderer names a Region, never an endpoint. A script's
        // own endpoint is for the Region it connects to; other Regions use the script's endpoint for that
        // Region (policy.regions), else the AWS config's, else AWS's.
        openRegion = async (region) => {
          const own = policy.regions?.(region);
          return openConnection({
            ...target,
            region,
            env,
            endpoints: await approveAwsEndpoints(
              { profile: target.profile, region, env, override: own?.endpoint ?? null },
              own?.confirm ?? policy.confirm,
            ),
          });
        };
      }
      const opened = await openConnection(resolved);
      disconnect(s);
      s.conn = { ...opened, now: now ?? (() => opened.gateway.serverNow()), openRegion };
      return connection(s)!;
    },
    (c) => ({
      label: c.label,
      endpoint: c.endpoint,
      endpointSource: c.endpointSource,
      stsEndpoint: s.conn?.stsEndpoint ?? null,
      region: c.region,
      account: c.account,
      principalArn: c.principalArn,
    }),
  );
}
