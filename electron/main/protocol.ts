/**
 * Serves the built renderer from app://ceremony/ and nothing else: paths are contained in the
 * renderer folder (no `..` escapes); unknown hosts, malformed URLs and missing files are 404.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST } from './app-url';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The file under `rendererDir` that `requestUrl` names, or null (→ 404) for anything else, malformed included. */
export function resolveRendererPath(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  let pathname: string;
  try {
    url = new URL(requestUrl);
    // `%` not followed by two hex digits (app://ceremony/%) makes decodeURIComponent throw: answer 404.
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST || pathname.includes('\0')) return null;
  const relative = pathname.replace(/^\/+/, '') || 'index.html';
  const full = path.resolve(rendererDir, relative);
  const rel = path.relative(rendererDir, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return full;
}

export async function serveRendererFile(rendererDir: string, requestUrl: string): Promise<Response> {
  const file = resolveRendererPath(rendererDir, requestUrl);
  if (!file) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    return new Response(body, { headers: { 'content-type': type } });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
