/**
 * Opens a gateway to the chosen KMS: the embedded emulator (a rehearsal) or AWS with a profile
 * (SSO included) or environment credentials, then identifies the caller so the officers can confirm
 * the account before touching anything.
 */
import { fromEnv, fromIni } from '@aws-sdk/credential-providers';
import { KmsGateway } from './gateway';

export type ConnectTarget =
  | { target: 'emulator'; endpoint: string; region: string }
  | { target: 'aws'; profile: string | null; region: string; endpoint: string | null };

export interface OpenConnection {
  gateway: KmsGateway;
  target: 'emulator' | 'aws';
  label: string;
  region: string;
  endpoint: string | null;
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
      endpoint: target.endpoint,
      credentials: EMULATOR_CREDENTIALS,
    });
    return identify(gateway, {
      target: 'emulator',
      label: 'Local emulator — rehearsal',
      region: target.region,
      endpoint: target.endpoint,
    });
  }
  const credentials = target.profile ? fromIni({ profile: target.profile }) : fromEnv();
  const gateway = new KmsGateway({ region: target.region, endpoint: target.endpoint, credentials });
  const label = target.profile ? `AWS — profile ${target.profile}` : 'AWS — environment credentials';
  return identify(gateway, { target: 'aws', label, region: target.region, endpoint: target.endpoint });
}

/** sts:GetCallerIdentity (the emulator answers it too) shows the officers which account they are in. */
async function identify(
  gateway: KmsGateway,
  base: Pick<OpenConnection, 'target' | 'label' | 'region' | 'endpoint'>,
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
