/**
 * scripts/lazy-sdk-builtins.mjs, as the build of `run.cjs` uses it: the AWS SDK's HTTP handler no longer
 * loads node:http2 or node:https when it loads (measured in a fresh Node process, whose module list shows
 * what was loaded); its HTTP/2 handler, the only user of http2, still works: a request through it to a local
 * HTTP/2 server is answered; the gateway talks to a plain-http emulator without ever loading https (or tls),
 * and a client of an https endpoint still gets a real https.Agent.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { requireWithCodeCache } from '../../../electron/cli/code-cache';
import { startEmulator } from '../../../electron/core/emulator';
import { bundleLikeRun } from '../helpers/run-bundle';

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'kms-lazy-builtins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** In a bundle: which of the built-in modules http2, https and tls have been loaded. */
const LOADED = `export const loaded = () => process.moduleLoadList.filter((m) => /^NativeModule (http2|https|tls)$/.test(m));`;

const ENTRY = `
export { NodeHttpHandler, NodeHttp2Handler } from '@smithy/node-http-handler';
export { HttpRequest } from '@smithy/core/protocols';
${LOADED}
`;

/** The gateway's first call, as \`kms-ceremony run\` makes it: what it answers, and which of them it loaded. */
const GATEWAY_ENTRY = `
import { KmsGateway } from './electron/core/kms/gateway';
${LOADED}
export async function identify(endpoint) {
  const gateway = new KmsGateway({
    region: 'us-east-1',
    endpoints: { kms: endpoint, sts: endpoint },
    credentials: { accessKeyId: 'AKIAEMULATOR00000000', secretAccessKey: 'emulator-does-not-check' },
  });
  try {
    return (await gateway.callerIdentity()).account;
  } catch {
    return 'not answered';
  } finally {
    gateway.close();
  }
}
`;

/**
 * ENTRY bundled as run.cjs is, with that build's plugins or none; returns the file. `sdk: 'cjs'` resolves
 * the SDK's CommonJS build, as the app's main process bundle does (esbuild's default mainFields), not its ES
 * modules as run.cjs does.
 */
const bundle = (name: string, buildPlugins: boolean, sdk: 'esm' | 'cjs' = 'esm') =>
  bundleLikeRun({
    entry: ENTRY,
    outfile: path.join(dir, `${name}-${sdk}.cjs`),
    buildPlugins,
    ...(sdk === 'cjs' ? { mainFields: null } : {}),
  });

/** Loads `file` (as the CLI loads run.cjs) in a fresh Node process, then runs `then(m)` there (JSON out). */
const inFreshNode = (file: string, then: string) => `
  const { requireWithCodeCache } = require(${JSON.stringify(path.join(dir, 'code-cache.cjs'))});
  const m = requireWithCodeCache(${JSON.stringify(file)}, null).exports;
  Promise.resolve(${then}).then((out) => process.stdout.write(JSON.stringify(out)));`;

/** The built-in modules among http2, https and tls that loading `file` loads, in a fresh Node process. */
function loadedBy(file: string): string[] {
  const code = inFreshNode(file, 'm.loaded()');
  return JSON.parse(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' })) as string[];
}

describe('lazy-sdk-builtins', () => {
  it('the handler loads http2 and https without the plugin (the cost it removes), and not with it', async () => {
    await build({
      entryPoints: [path.join(root, 'electron/cli/code-cache.ts')],
      outfile: path.join(dir, 'code-cache.cjs'),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      logLevel: 'silent',
    });
    for (const sdk of ['esm', 'cjs'] as const) {
      expect(loadedBy(await bundle('plain', false, sdk))).toEqual(
        expect.arrayContaining(['NativeModule http2', 'NativeModule https', 'NativeModule tls']),
      );
      expect(loadedBy(await bundle('lazy', true, sdk))).toEqual([]);
    }
  });

  it('the gateway asks a plain-http emulator without loading https; an https client gets a real agent', async () => {
    const emulator = await startEmulator({ dataDir: path.join(dir, 'kms'), wrappingKeyPool: 0 });
    const run = async (file: string, endpoint: string) => {
      const code = inFreshNode(
        file,
        `m.identify('${endpoint}').then((account) => [account, m.loaded().sort()])`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', code], { encoding: 'utf8' });
      return JSON.parse(stdout) as [string | null, string[]];
    };
    try {
      for (const sdk of ['esm', 'cjs'] as const) {
        const file = await bundleLikeRun({
          entry: GATEWAY_ENTRY,
          outfile: path.join(dir, `gateway-${sdk}.cjs`),
          ...(sdk === 'cjs' ? { mainFields: null } : {}),
        });
        expect(await run(file, emulator.endpoint)).toEqual(['111122223333', []]);
        // A request to an https endpoint (nothing listens there) goes through the SDK's own https.Agent,
        // made through the stand-in's constructor.
        expect(await run(file, 'https://127.0.0.1:9')).toEqual([
          'not answered',
          ['NativeModule https', 'NativeModule tls'],
        ]);
      }
    } finally {
      await emulator.close();
    }
  });

  it('its HTTP/2 handler still sends a request and reads the answer (http2 loaded on first use)', async () => {
    type Handler = {
      handle(request: unknown): Promise<{
        response: { statusCode: number; headers: Record<string, string>; body: NodeJS.ReadableStream };
      }>;
      destroy(): void;
    };
    const mod = requireWithCodeCache<{
      NodeHttp2Handler: new (options?: object) => Handler;
      HttpRequest: new (options: object) => unknown;
    }>(await bundle('use', true), null).exports;
    const server = http2.createServer((req, res) => {
      res.setHeader('x-path', req.url ?? '');
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const handler = new mod.NodeHttp2Handler({ disableConcurrentStreams: true });
    try {
      const request = new mod.HttpRequest({
        protocol: 'http:',
        hostname: '127.0.0.1',
        port,
        method: 'GET',
        path: '/lazy',
        headers: {},
      });
      const { response } = await handler.handle(request);
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-path']).toBe('/lazy');
      let body = '';
      for await (const chunk of response.body) body += String(chunk);
      expect(body).toBe('ok');
    } finally {
      handler.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
