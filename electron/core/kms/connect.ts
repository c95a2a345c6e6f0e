/**
 * Opens a gateway to the chosen KMS: the embedded emulator (a rehearsal, at the loopback address main
 * started it on) or AWS with a profile (SSO included) or environment credentials, at the endpoints main
 * approved (endpoint-policy.ts); then identifies the caller so the officers can confirm the account before
 * touching anything.
 */
import type { ApprovedEndpoint } from './endpoint-policy';
import { KmsGateway } from './gateway';

export type ConnectTarget =
  | { target: 'emulator'; endpoint: string; region: string }
  | {
      target: 'aws';
      profile: string | null;
      region: string;
      endpoints: { kms: ApprovedEndpoint; sts: ApprovedEndpoint };
      /** Where fromIni reads profiles (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE of main's env). */
      env?: NodeJS.ProcessEnv;
    };

export interface OpenConnection {
  gateway: KmsGateway;
  target: 'emulator' | 'aws';
  label: string;
  region: string;
  /** The KMS endpoint every call goes to, and where it came from. */
  endpoint: string;
  endpointSource: string;
  stsEndpoint: string;
  account: string;
  principalArn: string;
  userId: string;
}

// The emulator does not verify signatures; these are not secrets, only shaped like credentials.
const EMULATOR_CREDENTIALS = {
  accessKeyId: 'AKIAEMULATOR00000000',
  secretAccessKey: 'emulator-does-not-check',
};

export async function openConnection(target: ConnectTarget): Promise<OpenConnection> {
  if (target.target === 'emulator') {
    const gateway = new KmsGateway({
      region: target.region,
      endpoints: { kms: target.endpoint, sts: target.endpoint },
      credentials: EMULATOR_CREDENTIALS,
    });
    return identify(gateway, {
      target: 'emulator',
      label: 'Local emulator — rehearsal',
      region: target.region,
      endpoint: target.endpoint,
      endpointSource: 'embedded emulator on loopback, started by this app',
      stsEndpoint: target.endpoint,
    });
  }
  const env = target.env ?? process.env;
  // Loaded only here: a rehearsal against the emulator never reads a profile, and the package initialises
  // every provider it has (SSO, Cognito, web identity…) when loaded.
  const { fromEnv, fromIni } = await import('@aws-sdk/credential-providers');
  const credentials = target.profile
    ? fromIni({
        profile: target.profile,
        ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
        ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
      })
    : fromEnv();
  const { kms, sts } = target.endpoints;
  const gateway = new KmsGateway({
    region: target.region,
    endpoints: { kms: kms.url, sts: sts.url },
    credentials,
  });
  const label = target.profile ? `AWS — profile ${target.profile}` : 'AWS — environment credentials';
  return identify(gateway, {
    target: 'aws',
    label,
    region: target.region,
    endpoint: kms.url,
    endpointSource: kms.source,
    stsEndpoint: sts.url,
  });
}

/** sts:GetCallerIdentity (the emulator answers it too) shows the officers which account they are in. */
async function identify(
  gateway: KmsGateway,
  base: Omit<OpenConnection, 'gateway' | 'account' | 'principalArn' | 'userId'>,
): Promise<OpenConnection> {
  try {
    const identity = await gateway.callerIdentity();
    return {
      gateway,
      ...base,
      account: identity.account,
      principalArn: identity.arn,
      userId: identity.userId,
    };
  } catch (error) {
    gateway.close();
    throw error;
  }
}
