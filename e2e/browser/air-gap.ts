/** Helpers for the two-station (air-gapped) e2e: a second bridge in its own browser context, and media files. */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startBridgeHost, type BridgeHost } from '../bridge/host';

export interface Station {
  bridge: BridgeHost;
  context: BrowserContext;
  page: Page;
  /** Every URL this context asked for, fenced or not. */
  requests: string[];
  close(): Promise<void>;
}

/** A station of its own: a fresh bridge (own data folder), a fresh context that may reach only that bridge. */
export async function startStation(browser: Browser): Promise<Station> {
  const bridge = await startBridgeHost();
  const context = await browser.newContext();
  const origin = new URL(bridge.url).origin;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  return {
    bridge,
    context,
    page,
    requests,
    async close() {
      await context.close();
      await bridge.close();
    },
  };
}

/** The single folder a bundle writer created in `media` whose name ends with `suffix`. */
export function bundleIn(media: string, suffix: string): string {
  const found = readdirSync(media).filter((f) => f.endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one *${suffix} in ${media}, found ${found.join(', ')}`);
  return path.join(media, found[0]!);
}

/**
 * What a Windows copy does to a parameters bundle: the binary public key pasted as base64 text with
 * CRLF line ends, and the manifest saved with CRLF.
 */
export function windowsCopy(bundle: string, target: string): string {
  cpSync(bundle, target, { recursive: true });
  const key = path.join(target, 'WrappingPublicKey.bin');
  const b64 = readFileSync(key).toString('base64');
  writeFileSync(key, `${(b64.match(/.{1,76}/g) ?? []).join('\r\n')}\r\n`);
  const manifest = path.join(target, 'manifest.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/\r?\n/g, '\r\n'));
  return target;
}
