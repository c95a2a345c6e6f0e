/**
 * Where the app sends the officers' credentials and the wrapped key material: decided here, in main, never
 * by the renderer (which names only a target: the emulator, or AWS with a profile and Region).
 *
 * Endpoints come from where AWS users already keep them, in the AWS SDKs' order (AWS SDKs and Tools
 * Reference Guide, "Service-specific endpoints"): `AWS_ENDPOINT_URL_KMS` / `_STS`, then `AWS_ENDPOINT_URL`,
 * then the profile's `services` section (`kms =` / `  endpoint_url = …`), then the profile's `endpoint_url`;
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` / `ignore_configured_endpoint_urls` turns them off. Otherwise the AWS
 * default for the Region, FIPS and dual-stack included (`AWS_USE_FIPS_ENDPOINT`, `use_fips_endpoint`).
 *
 * Every endpoint must be `https:` with a DNS name (no IP literal, no user info, no query). A host outside
 * AWS's domains (`*.amazonaws.com`, `*.amazonaws.com.cn`, `*.api.aws`) needs the officers' confirmation,
 * asked natively by main, naming the host. FIPS (`kms-fips.…`) and VPC endpoints
 * (`vpce-….kms.<region>.vpce.amazonaws.com`) are AWS hosts and need none.
 */
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { STSClient } from '@aws-sdk/client-sts';
import type { Confirm } from '../confirmation';
import { AppError } from '../errors';
import { parseIni } from './aws-profiles';

export type Service = 'kms' | 'sts';

export interface ConfiguredEndpoint {
  url: string;
  /** Where it was found, for the officers and the transcript: "AWS_ENDPOINT_URL_KMS", "AWS config [services corp] kms.endpoint_url". */
  source: string;
}

export interface ApprovedEndpoint extends ConfiguredEndpoint {
  host: string;
  /** In AWS's own domains; false = the officers confirmed this host. */
  awsHost: boolean;
}

const AWS_SUFFIXES = ['.amazonaws.com', '.amazonaws.com.cn', '.api.aws'];

export function isAwsHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return AWS_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
}

const ENV_NAME: Record<Service, string> = { kms: 'AWS_ENDPOINT_URL_KMS', sts: 'AWS_ENDPOINT_URL_STS' };
const truthy = (v: string | undefined) => v?.trim().toLowerCase() === 'true';

function configSections(env: NodeJS.ProcessEnv) {
  const file = env.AWS_CONFIG_FILE ?? path.join(os.homedir(), '.aws', 'config');
  try {
    return parseIni(readFileSync(file, 'utf8'));
  } catch {
    return new Map<string, Map<string, string>>();
  }
}

/** The profile whose config applies: the one picked, else AWS_PROFILE, else default (as the SDK does). */
function profileKeys(
  sections: Map<string, Map<string, string>>,
  profile: string | null,
  env: NodeJS.ProcessEnv,
) {
  const name = profile ?? env.AWS_PROFILE ?? 'default';
  const keys = sections.get(name === 'default' ? 'default' : `profile ${name}`) ?? sections.get(name);
  return { name, keys: keys ?? new Map<string, string>() };
}

/** The configured (not default) endpoint of `service` for `profile`, or null. Never validated here. */
export function configuredEndpoint(
  service: Service,
  profile: string | null,
  env: NodeJS.ProcessEnv = process.env,
): ConfiguredEndpoint | null {
  const sections = configSections(env);
  const { name, keys } = profileKeys(sections, profile, env);
  if (truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) || truthy(keys.get('ignore_configured_endpoint_urls')))
    return null;
  if (env[ENV_NAME[service]]) return { url: env[ENV_NAME[service]]!, source: ENV_NAME[service] };
  if (env.AWS_ENDPOINT_URL) return { url: env.AWS_ENDPOINT_URL, source: 'AWS_ENDPOINT_URL' };
  const services = keys.get('services');
  const fromServices = services
    ? sections.get(`services ${services}`)?.get(`${service}.endpoint_url`)
    : undefined;
  if (services && fromServices)
    return {
      url: fromServices,
      source: `AWS config [services ${services}] ${service}.endpoint_url (profile ${name})`,
    };
  const global = keys.get('endpoint_url');
  if (global) return { url: global, source: `AWS config endpoint_url (profile ${name})` };
  return null;
}

/** AWS's own endpoint for the Region, as the SDK's endpoint rules compute it (FIPS / dual-stack honoured). */
function defaultEndpoint(
  service: Service,
  region: string,
  profile: string | null,
  env: NodeJS.ProcessEnv,
): ConfiguredEndpoint {
  const { keys } = profileKeys(configSections(env), profile, env);
  const fips = truthy(env.AWS_USE_FIPS_ENDPOINT ?? keys.get('use_fips_endpoint'));
  const dualStack = truthy(env.AWS_USE_DUALSTACK_ENDPOINT ?? keys.get('use_dualstack_endpoint'));
  const params = { Region: region, UseFIPS: fips, UseDualStack: dualStack };
  const client = service === 'kms' ? new KMSClient({ region }) : new STSClient({ region });
  try {
    const provider = client.config.endpointProvider as (p: object) => { url: URL };
    const url = provider(service === 'sts' ? { ...params, UseGlobalEndpoint: false } : params).url;
    return {
      url: url.href,
      source: `AWS default for ${region}${fips ? ' (FIPS)' : ''}${dualStack ? ' (dual-stack)' : ''}`,
    };
  } finally {
    client.destroy();
  }
}

/**
 * Checks one endpoint against the policy. Throws AppError ENDPOINT_REFUSED (not https, IP literal, user
 * info, query or fragment, unparseable), naming the value and where it came from.
 */
export function checkEndpoint(endpoint: ConfiguredEndpoint): ApprovedEndpoint {
  const refuse = (why: string) =>
    new AppError(
      'ENDPOINT_REFUSED',
      `The KMS endpoint ${JSON.stringify(endpoint.url.slice(0, 200))} (from ${endpoint.source}) is refused: ${why}.`,
      'Nothing was sent. Set an https:// endpoint with a DNS name in the AWS config (endpoint_url, services) or AWS_ENDPOINT_URL_KMS, or remove it to use the AWS default.',
    );
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    throw refuse('it is not a URL');
  }
  if (url.protocol !== 'https:')
    throw refuse(`it uses ${url.protocol.replace(':', '')}, and only https is allowed`);
  if (url.username || url.password) throw refuse('it carries a user name or password');
  if (url.search || url.hash) throw refuse('it carries a query or fragment');
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(hostname)) throw refuse('it names an IP address; a TLS certificate names a host');
  return {
    url: url.href,
    source: endpoint.source,
    host: url.host.toLowerCase(),
    awsHost: isAwsHost(url.hostname),
  };
}

/**
 * The KMS and STS endpoints for an AWS connection, checked, and confirmed natively by the officers where
 * the host is not AWS's (one question naming every such host). Throws ENDPOINT_REFUSED or
 * ENDPOINT_NOT_CONFIRMED; nothing has been sent anywhere when it throws.
 */
export async function approveAwsEndpoints(
  req: {
    profile: string | null;
    region: string;
    env: NodeJS.ProcessEnv;
    override?: ConfiguredEndpoint | null;
  },
  confirm: Confirm,
): Promise<Record<Service, ApprovedEndpoint>> {
  const pick = (service: Service) =>
    checkEndpoint(
      (service === 'kms' ? req.override : null) ??
        configuredEndpoint(service, req.profile, req.env) ??
        defaultEndpoint(service, req.region, req.profile, req.env),
    );
  const approved = { kms: pick('kms'), sts: pick('sts') };
  const foreign = Object.values(approved).filter((e) => !e.awsHost);
  if (foreign.length > 0) {
    const hosts = [...new Set(foreign.map((e) => e.host))];
    const yes = await confirm({
      title: 'Connect to a host outside AWS?',
      message: `Send this ceremony's AWS credentials and key material to ${hosts.join(' and ')}?`,
      detail: [
        ...foreign.map((e) => `${e.url} — from ${e.source}`),
        'This host is not in AWS’s domains (amazonaws.com, amazonaws.com.cn, api.aws). Go ahead only if your organisation runs it (for example a KMS proxy) and the other officers agree.',
      ].join('\n'),
      confirmLabel: `Connect to ${hosts[0]}`,
    });
    if (!yes) {
      throw new AppError(
        'ENDPOINT_NOT_CONFIRMED',
        `The connection to ${hosts.join(' and ')} (not an AWS host) was not confirmed, so nothing was sent.`,
        'Confirm the host in the dialog if your organisation runs it, or remove it from the AWS config / AWS_ENDPOINT_URL_KMS.',
      );
    }
  }
  return approved;
}
