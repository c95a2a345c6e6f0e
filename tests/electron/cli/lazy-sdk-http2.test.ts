/**
 * scripts/lazy-sdk-http2.mjs, as the build of `run.cjs` uses it: the AWS SDK's HTTP handler no longer
 * loads node:http2 when it loads (measured in a fresh Node process, whose module list shows what was
 * loaded), and its HTTP/2 handler, the only user of http2, still works: a request through it to a local
 * HTTP/2 server is answered.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { requireWithCodeCache } from '../../../electron/cli/code-cache';
import { bundleLikeRun } from '../helpers/run-bundle';

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'kms-lazy-http2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENTRY = `
export { NodeHttpHandler, NodeHttp2Handler } from '@smithy/node-http-handler';
export { HttpRequest } from '@smithy/core/protocols';
export const loaded = () => process.moduleLoadList.filter((m) => /^NativeModule (http2|https)$/.test(m));
`;

/** ENTRY bundled as run.cjs is, with that build's plugins or none; returns the file. */
const bundle = (name: string, buildPlugins: boolean) =>
  bundleLikeRun({ entry: ENTRY, outfile: path.join(dir, `${name}.cjs`), buildPlugins });

/** The built-in modules among http2 and https that loading `file` loads, in a fresh Node process. */
function loadedBy(file: string): string[] {
  const code = `
    const { requireWithCodeCache } = require(${JSON.stringify(path.join(dir, 'code-cache.cjs'))});
    const m = requireWithCodeCache(${JSON.stringify(file)}, null).exports;
    process.stdout.write(JSON.stringify(m.loaded()));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' })) as string[];
}

describe('lazy-sdk-http2', () => {
  it('the handler loads http2 without the plugin (the cost it removes), and not with it', async () => {
    await build({
      entryPoints: [path.join(root, 'electron/cli/code-cache.ts')],
      outfile: path.join(dir, 'code-cache.cjs'),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      logLevel: 'silent',
    });
    expect(loadedBy(await bundle('plain', false))).toContain('NativeModule http2');
    expect(loadedBy(await bundle('lazy', true))).not.toContain('NativeModule http2');
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
