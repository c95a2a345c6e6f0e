/**
 * A local proxy in front of the emulator, for tests that need to see (or act between) a script's KMS calls:
 * it names each call's KMS operation and Region (the SigV4 credential scope), and over TLS stands in for an
 * AWS endpoint (a VPC endpoint, a corporate proxy) with a self-signed certificate for localhost.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface KmsProxy {
  url: string;
  /** Calls carried, per Region. */
  seen: Map<string, number>;
  close(): Promise<void>;
}

/** A key and certificate for `localhost` (openssl), written into `dir`. */
export function selfSignedLocalhost(dir: string): { key: Buffer; cert: Buffer } {
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' }); // prettier-ignore
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/**
 * Forwards every request to `upstream`; `afterAnswer` runs once the emulator has answered a call, before the
 * answer is passed on (e.g. to change KMS state between two of the script's calls).
 */
export async function kmsProxy(opts: {
  upstream: string;
  tls?: { key: Buffer; cert: Buffer };
  afterAnswer?: () => ((operation: string, region: string) => Promise<void>) | null;
}): Promise<KmsProxy> {
  const upstream = new URL(opts.upstream);
  const seen = new Map<string, number>();
  const handler: Parameters<typeof createHttpServer>[1] = (req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const region =
      /Credential=[^/]+\/\d+\/([a-z0-9-]+)\//.exec(String(req.headers.authorization))?.[1] ?? '?';
    seen.set(region, (seen.get(region) ?? 0) + 1);
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          void (opts.afterAnswer?.()?.(operation, region) ?? Promise.resolve()).then(() => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(chunks));
          });
        });
      },
    );
    req.pipe(out);
  };
  const server: Server = opts.tls ? createHttpsServer(opts.tls, handler) : createHttpServer(handler);
  const host = opts.tls ? 'localhost' : '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    url: `${opts.tls ? 'https' : 'http'}://${host}:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
