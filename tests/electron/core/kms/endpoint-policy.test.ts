import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NativeConfirmation } from '../../../../electron/core/confirmation';
import { AppError } from '../../../../electron/core/errors';
import {
  approveAwsEndpoints,
  checkEndpoint,
  configuredEndpoint,
  isAwsHost,
} from '../../../../electron/core/kms/endpoint-policy';

const dir = mkdtempSync(path.join(os.tmpdir(), 'endpoint-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configEnv(text: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const file = path.join(dir, `config-${Math.random().toString(16).slice(2)}`);
  writeFileSync(file, text);
  return { AWS_CONFIG_FILE: file, ...extra };
}

const CONFIG = `[default]
region = eu-west-1

[profile corp]
region = eu-west-1
services = corp-endpoints
endpoint_url = https://everything.corp.example

[profile plain]
endpoint_url = https://kms-fips.eu-west-1.amazonaws.com

[profile ignoring]
endpoint_url = https://kms.corp.example
ignore_configured_endpoint_urls = true

[services corp-endpoints]
kms =
  endpoint_url = https://vpce-0a1b2c3d-4e5f.kms.eu-west-1.vpce.amazonaws.com
sts =
  endpoint_url = https://sts.corp.example
`;

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('where the KMS endpoint comes from (the SDKs’ order)', () => {
  it('reads the services section per service, then the profile endpoint_url', () => {
    const env = configEnv(CONFIG);
    expect(configuredEndpoint('kms', 'corp', env)).toEqual({
      url: 'https://vpce-0a1b2c3d-4e5f.kms.eu-west-1.vpce.amazonaws.com',
      source: 'AWS config [services corp-endpoints] kms.endpoint_url (profile corp)',
    });
    expect(configuredEndpoint('sts', 'corp', env)?.url).toBe('https://sts.corp.example');
    expect(configuredEndpoint('kms', 'plain', env)).toEqual({
      url: 'https://kms-fips.eu-west-1.amazonaws.com',
      source: 'AWS config endpoint_url (profile plain)',
    });
    expect(configuredEndpoint('kms', 'default', env)).toBeNull();
    expect(configuredEndpoint('kms', 'ignoring', env)).toBeNull();
  });

  it('puts AWS_ENDPOINT_URL_KMS before AWS_ENDPOINT_URL before the config, unless told to ignore them', () => {
    const env = configEnv(CONFIG, {
      AWS_ENDPOINT_URL: 'https://all.example.com',
      AWS_ENDPOINT_URL_KMS: 'https://kms.example.com',
    });
    expect(configuredEndpoint('kms', 'corp', env)).toEqual({
      url: 'https://kms.example.com',
      source: 'AWS_ENDPOINT_URL_KMS',
    });
    expect(configuredEndpoint('sts', 'corp', env)?.source).toBe('AWS_ENDPOINT_URL');
    expect(
      configuredEndpoint('kms', 'corp', { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }),
    ).toBeNull();
  });

  it('with environment credentials, uses AWS_PROFILE’s config as the SDK would', () => {
    const env = configEnv(CONFIG, { AWS_PROFILE: 'plain' });
    expect(configuredEndpoint('kms', null, env)?.url).toBe('https://kms-fips.eu-west-1.amazonaws.com');
  });
});

describe('the endpoint policy', () => {
  it('knows AWS’s domains, and not look-alikes', () => {
    for (const host of [
      'kms.eu-west-1.amazonaws.com',
      'kms-fips.us-gov-west-1.amazonaws.com',
      'vpce-0a1b-2c3d.kms.eu-west-1.vpce.amazonaws.com',
      'kms.cn-north-1.amazonaws.com.cn',
      'kms-fips.us-east-1.api.aws',
      'KMS.EU-WEST-1.AMAZONAWS.COM.',
    ])
      expect(isAwsHost(host), host).toBe(true);
    for (const host of [
      'amazonaws.com',
      'evilamazonaws.com',
      'kms.amazonaws.com.evil.example',
      'api.aws.evil.example',
      'localhost',
    ])
      expect(isAwsHost(host), host).toBe(false);
  });

  it.each([
    ['http://kms.eu-west-1.amazonaws.com', /only https/],
    ['file:///etc/passwd', /only https/],
    ['https://10.0.0.8', /IP address/],
    ['https://[::1]:4443', /IP address/],
    ['https://2130706433', /IP address/], // 127.0.0.1 written as one number
    ['https://user:pass@kms.eu-west-1.amazonaws.com', /user name or password/],
    ['https://kms.eu-west-1.amazonaws.com/?x=1', /query/],
    ['not a url', /not a URL/],
  ])('refuses %s', (url, why) => {
    const error = refusal(() => checkEndpoint({ url, source: 'AWS_ENDPOINT_URL_KMS' }));
    expect(error.code).toBe('ENDPOINT_REFUSED');
    expect(error.message).toMatch(why);
    expect(error.message).toContain('AWS_ENDPOINT_URL_KMS');
  });

  it('takes the AWS default for the Region, FIPS included, without asking', async () => {
    const asked: NativeConfirmation[] = [];
    const confirm = async (q: NativeConfirmation) => (asked.push(q), false);
    const plain = await approveAwsEndpoints(
      { profile: null, region: 'eu-west-1', env: configEnv('') },
      confirm,
    );
    expect(plain.kms).toMatchObject({ url: 'https://kms.eu-west-1.amazonaws.com/', awsHost: true });
    expect(plain.kms.source).toBe('AWS default for eu-west-1');
    expect(plain.sts.url).toBe('https://sts.eu-west-1.amazonaws.com/');
    const fips = await approveAwsEndpoints(
      { profile: null, region: 'us-east-1', env: configEnv('', { AWS_USE_FIPS_ENDPOINT: 'true' }) },
      confirm,
    );
    expect(fips.kms.url).toBe('https://kms-fips.us-east-1.amazonaws.com/');
    const vpce = await approveAwsEndpoints(
      {
        profile: 'corp',
        region: 'eu-west-1',
        env: configEnv(CONFIG.replace('sts.corp.example', 'sts.eu-west-1.amazonaws.com')),
      },
      confirm,
    );
    expect(vpce.kms.host).toBe('vpce-0a1b2c3d-4e5f.kms.eu-west-1.vpce.amazonaws.com');
    expect(asked).toEqual([]);
  });

  it('asks main’s native confirmation naming a non-AWS host, and refuses when it is declined', async () => {
    const asked: NativeConfirmation[] = [];
    const env = configEnv(CONFIG);
    await expect(
      approveAwsEndpoints({ profile: 'corp', region: 'eu-west-1', env }, async (q) => (asked.push(q), false)),
    ).rejects.toMatchObject({ code: 'ENDPOINT_NOT_CONFIRMED' });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.message).toContain('sts.corp.example');
    expect(asked[0]!.detail).toContain('services corp-endpoints');
    const yes = await approveAwsEndpoints({ profile: 'corp', region: 'eu-west-1', env }, async () => true);
    expect(yes.sts).toMatchObject({ host: 'sts.corp.example', awsHost: false });
  });
});
