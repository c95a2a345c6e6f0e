/**
 * The gateway's two SDK clients (KMS and STS), configured for the endpoints main approved: each endpoint
 * explicit (the SDK would otherwise read endpoints from AWS_PROFILE's config on its own), pinned, and with no
 * https.Agent when it is plain http.
 */
import type { Agent as HttpsAgent } from 'node:https';
import { KMSClient } from '@aws-sdk/client-kms';
import { STSClient } from '@aws-sdk/client-sts';
import { AppError } from '../errors';
import type { GatewayOptions } from './gateway';
import { collectResponseBody } from './response-body';

/**
 * Defence in depth: a request that would leave for any other scheme, host or port than the approved
 * endpoint is stopped before it is signed and sent (an SDK default or a config file must not redirect it).
 */
function pinEndpoint(client: KMSClient | STSClient, endpoint: string): void {
  const approved = new URL(endpoint);
  const port = approved.port || (approved.protocol === 'https:' ? '443' : '80');
  (client.middlewareStack as KMSClient['middlewareStack']).add(
    (next) => async (args) => {
      const request = args.request as { protocol?: string; hostname?: string; port?: number };
      const same =
        request.protocol === approved.protocol &&
        request.hostname?.toLowerCase() === approved.hostname.toLowerCase() &&
        String(request.port ?? (request.protocol === 'https:' ? 443 : 80)) === port;
      if (!same) {
        throw new AppError(
          'ENDPOINT_CHANGED',
          `A request was about to go to ${request.protocol ?? '?'}//${request.hostname ?? '?'}, not the approved endpoint ${approved.origin}; it was stopped.`,
          'Nothing was sent. Disconnect and connect again; report this if it repeats.',
        );
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'ceremonyEndpointPin', priority: 'high' },
  );
}

/**
 * The https.Agent of a client whose endpoint is plain http (the emulator on loopback): one that is never
 * used, for the SDK's HTTP handler would otherwise make a real one as it is configured, and load node:https
 * and TLS for it (~8 ms of every `kms-ceremony run` start; scripts/lazy-sdk-builtins.mjs keeps the load
 * lazy). No request of such a client can use it: pinEndpoint stops any other scheme, and Node refuses this
 * object as an agent. Side effects, none of which matters to KMS or STS: the handler counts its agents as
 * the caller's (that changes only `Expect: 100-continue` requests), and takes these options instead of
 * the defaults of AWS_DEFAULTS_MODE (only its connection timeout, for a loopback emulator).
 */
const UNUSED_HTTPS_AGENT = { destroy: () => {} } as unknown as HttpsAgent;

/** The SDK's HTTP handler options for `endpoint`: no https.Agent for a plain-http one. */
const requestHandlerFor = (endpoint: string) =>
  new URL(endpoint).protocol === 'http:' ? { requestHandler: { httpsAgent: UNUSED_HTTPS_AGENT } } : {};

/** The KMS and STS clients for `options`: endpoints explicit and pinned, at most two attempts per call. */
export function createSdkClients(options: GatewayOptions): { kms: KMSClient; sts: STSClient } {
  const common = {
    region: options.region,
    credentials: options.credentials,
    maxAttempts: 2,
    streamCollector: collectResponseBody,
  };
  const { kms: kmsEndpoint, sts: stsEndpoint } = options.endpoints;
  const kms = new KMSClient({ ...common, endpoint: kmsEndpoint, ...requestHandlerFor(kmsEndpoint) });
  const sts = new STSClient({ ...common, endpoint: stsEndpoint, ...requestHandlerFor(stsEndpoint) });
  pinEndpoint(kms, kmsEndpoint);
  pinEndpoint(sts, stsEndpoint);
  return { kms, sts };
}
