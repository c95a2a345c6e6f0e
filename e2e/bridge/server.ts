/**
 * Test-only loopback bridge: serves the built renderer and runs the REAL main-process handler table
 * (same `dispatch`, same validation) behind HTTP on 127.0.0.1, a random port and a random bearer token.
 * Refuses other origins and hosts. The packaged app never contains or starts it.
 */
import { build } from 'esbuild';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch, type HandlerTable } from '../../electron/main/ipc/dispatch';

const here = path.dirname(fileURLToPath(import.meta.url));
const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};
const MAX_BODY = 4 * 1024 * 1024;

export interface Bridge {
  url: string;
  /** Every response body the wizard page received, for leak checks. */
  received: string[];
  /** Every request body the wizard page sent, for leak checks (the entry page's traffic is kept apart). */
  sent: string[];
  /** The custody entry page's URL (issue 11): the browser stand-in for the entry window. */
  entryUrl: string;
  close(): Promise<void>;
}

const clientScripts = new Map<string, Promise<string>>();
/** `client.ts` (window.ceremony, the wizard) or `entry-client.ts` (window.custodyEntry, the entry page). */
function bundleClient(file: 'client.ts' | 'entry-client.ts'): Promise<string> {
  let script = clientScripts.get(file);
  if (!script) {
    script = build({
      entryPoints: [path.join(here, file)],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      logLevel: 'warning',
    }).then((r) => r.outputFiles[0]!.text);
    clientScripts.set(file, script);
  }
  return script;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startBridge(opts: { rendererDir: string; handlers: HandlerTable }): Promise<Bridge> {
  const token = randomBytes(24).toString('hex');
  const [client, entryClient] = await Promise.all([
    bundleClient('client.ts'),
    bundleClient('entry-client.ts'),
  ]);
  const received: string[] = [];
  const sent: string[] = [];
  let origin = '';

  const server = http.createServer((req, res) => {
    void (async () => {
      // DNS-rebinding and cross-origin guard: only our exact host, only our own origin may call.
      if (req.headers.host !== new URL(origin).host) return send(res, 403, 'wrong host');
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname.startsWith('/__bridge/ipc/')) {
        if (req.method !== 'POST') return send(res, 405, 'POST only');
        if (req.headers.origin !== origin) return send(res, 403, 'foreign origin');
        if (!sameToken((req.headers.authorization ?? '').replace(/^Bearer /, ''), token))
          return send(res, 401, 'bad token');
        const body = await readBody(req);
        if (body === null) return send(res, 413, 'too large');
        let raw: unknown;
        try {
          raw = JSON.parse(body);
        } catch {
          return send(res, 400, 'malformed JSON');
        }
        const channel = decodeURIComponent(url.pathname.slice('/__bridge/ipc/'.length));
        const text = JSON.stringify(await dispatch(opts.handlers, channel, raw));
        // The entry page's traffic is the entry window's, never the wizard's: kept apart for leak checks.
        if (!channel.startsWith('entry:')) {
          sent.push(body);
          received.push(text);
        }
        return send(res, 200, text, 'application/json');
      }
      if (url.pathname === '/__bridge/client.js') return send(res, 200, client, 'text/javascript');
      if (url.pathname === '/__bridge/entry-client.js') return send(res, 200, entryClient, 'text/javascript');
      return serveStatic(url.pathname, res);
    })().catch(() => send(res, 500, 'bridge error'));
  });

  async function serveStatic(pathname: string, res: http.ServerResponse) {
    const relative = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(opts.rendererDir, relative);
    if (path.relative(opts.rendererDir, file).startsWith('..')) return send(res, 404, 'not found');
    let body: string | Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'not found');
    }
    if (relative === 'index.html' || relative === 'entry.html') {
      const clientPath = relative === 'index.html' ? '/__bridge/client.js' : '/__bridge/entry-client.js';
      // The app's CSP says connect-src 'none'; only here, the bridge itself is the one allowed peer.
      body = body
        .toString('utf8')
        .replace("connect-src 'none'", "connect-src 'self'")
        .replace(
          '<head>',
          `<head>\n<meta name="ceremony-bridge-token" content="${token}" />\n<script src="${clientPath}"></script>`,
        );
    }
    send(res, 200, body, MIME[path.extname(file)] ?? 'application/octet-stream');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/index.html`,
    entryUrl: `${origin}/entry.html`,
    received,
    sent,
    // A browser keeps idle keep-alive sockets open; without closing them, close() waits on the browser.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'text/plain') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
