import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors';
import type { EmulatorOptions } from '../../core/emulator/index';
import type { Command } from '../command';

const usage = `Usage: kms-ceremony emulator [--port <n>] [--host <addr>] [--data-dir <dir>] [--time-offset <seconds>]
                             [--account-id <12 digits>] [--region <default region>] [--hmac-accept-longer]
                             [--test-clock]
                             [--wrapping-key-pool <n>]
                             [--replica-creating-seconds <s>] [--rotation-seconds <s>]

Runs the local KMS emulator (AWS JSON 1.1, faithful BYOK import semantics) until SIGINT/SIGTERM.
  --port         TCP port (default 4599; 0 picks a free one)
  --host         listen address (default 127.0.0.1)
  --data-dir     state directory; survives restarts (default ./kms-data)
  --time-offset  start the emulator clock this many seconds ahead (tokens and material expire on it)
  --account-id   AWS account ID in ARNs (default 111122223333)
  --region       Region for requests without a SigV4 credential scope (default us-east-1)
  --hmac-accept-longer  accept HMAC material longer than the digest, up to 128 bytes (unverified AWS
                 behaviour, spec §7 #2); by default the length must match exactly, as AWS documents
  --test-clock   serve POST /_emulator/clock (for tests): loopback only, no Origin header, JSON only, and
                 the token printed at start in X-Emulator-Clock-Token; moves at most 10 years
  --wrapping-key-pool  RSA wrapping key pairs kept ready per wrapping key spec (default 2; 0 = generate on
                 every GetParametersForImport), filled in the background from the start
  --replica-creating-seconds  emulator seconds a new replica stays Creating (default 120, as AWS takes
                 minutes); shorten it for quick rehearsals, 0 = ready on the next request
  --rotation-seconds  emulator seconds before RotateKeyOnDemand completes (default 30: AWS takes tens of
                 seconds); until then CurrentKeyMaterialId is unchanged

Point clients at it with --endpoint-url, e.g.
  aws kms create-key --origin EXTERNAL --endpoint-url http://127.0.0.1:4599
With --test-clock, move its clock forward (the token is printed at start):
  curl -X POST http://127.0.0.1:4599/_emulator/clock -H 'Content-Type: application/json' \\
       -H "X-Emulator-Clock-Token: $TOKEN" -d '{"advanceSeconds":86400}'`;

const HINT = 'Run `kms-ceremony emulator --help` for the options.';

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new AppError('USAGE', `--${name} must be a number; got "${value}".`, HINT);
  return parsed;
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  'time-offset': { type: 'string' },
  'account-id': { type: 'string' },
  region: { type: 'string' },
  'hmac-accept-longer': { type: 'boolean' },
  'test-clock': { type: 'boolean' },
  'wrapping-key-pool': { type: 'string' },
  'replica-creating-seconds': { type: 'string' },
  'rotation-seconds': { type: 'string' },
} as const;

function parseOptions(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new AppError('USAGE', (error as Error).message, HINT);
  }
}

/**
 * The emulator's options from the command line (usage above). Delays stay undefined when not given, so
 * `startEmulator` applies its defaults and its range check (AppError USAGE). @throws AppError USAGE.
 */
export function emulatorOptionsFromArgs(args: string[]): EmulatorOptions {
  const values = parseOptions(args);
  const port = numberOption(values.port, 'port', 4599);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('USAGE', `--port must be an integer from 0 to 65535; got "${values.port}".`, HINT);
  }
  const accountId = values['account-id'] ?? '111122223333';
  if (!/^\d{12}$/.test(accountId))
    throw new AppError('USAGE', `--account-id must be 12 digits; got "${accountId}".`, HINT);
  const wrappingKeyPool = numberOption(values['wrapping-key-pool'], 'wrapping-key-pool', 2);
  if (!Number.isInteger(wrappingKeyPool) || wrappingKeyPool < 0 || wrappingKeyPool > 32) {
    throw new AppError(
      'USAGE',
      `--wrapping-key-pool must be an integer from 0 to 32; got "${values['wrapping-key-pool']}".`,
      HINT,
    );
  }
  const optional = (name: 'replica-creating-seconds' | 'rotation-seconds') =>
    values[name] === undefined ? undefined : numberOption(values[name], name, 0);
  return {
    dataDir: resolve(values['data-dir'] ?? './kms-data'),
    port,
    host: values.host ?? '127.0.0.1',
    timeOffsetSeconds: numberOption(values['time-offset'], 'time-offset', 0),
    accountId,
    defaultRegion: values.region ?? 'us-east-1',
    hmacAcceptLonger: values['hmac-accept-longer'] === true,
    testClock: values['test-clock'] === true,
    wrappingKeyPool,
    replicaCreatingSeconds: optional('replica-creating-seconds'),
    rotationSeconds: optional('rotation-seconds'),
  };
}

export const emulatorCommand: Command = {
  name: 'emulator',
  usage,
  async run(args, io) {
    const options = emulatorOptionsFromArgs(args);
    const { startEmulator } = await import('../../core/emulator/index');
    const emulator = await startEmulator(options);
    io.stdout(`KMS emulator listening on ${emulator.endpoint}`);
    io.stdout(`data directory: ${options.dataDir}`);
    io.stdout(`clock: ${emulator.now().toISOString()}; stop with Ctrl-C`);
    if (emulator.testClock) {
      io.stdout(
        `test clock: ${emulator.testClock.url} (X-Emulator-Clock-Token: ${emulator.testClock.token})`,
      );
    }
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await emulator.close();
    io.stdout('KMS emulator stopped');
    return 0;
  },
};
