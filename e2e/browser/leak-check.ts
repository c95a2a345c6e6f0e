/** Everything the renderer could hold, gathered for a search for the material's bytes. */
import type { Page } from '@playwright/test';
import type { BridgeHost } from '../bridge/host';

export async function rendererHoldings(page: Page, bridge: BridgeHost): Promise<Record<string, string>> {
  return {
    dom: await page.content(),
    text: await page.evaluate(() => document.body.innerText),
    store: await page.evaluate(() => window.__ceremonyUiState?.() ?? ''),
    bridge: bridge.received.join('\n'),
    sent: bridge.sent.join('\n'),
  };
}

/**
 * The encodings someone might leak bytes in: hex (both cases, and in typed groups), base64, base64url, and
 * raw bytes as text. Used for key material, custodian components and backup shares alike.
 */
export function encodings(bytes: Buffer): Record<string, string> {
  return {
    hex: bytes.toString('hex'),
    HEX: bytes.toString('hex').toUpperCase(),
    base64: bytes.toString('base64').replace(/=+$/, ''),
    base64url: bytes.toString('base64url'),
    latin1: bytes.toString('latin1'),
    // A 12-byte window: enough to be unique, short enough to catch a partial leak.
    hexWindow: bytes.subarray(10, 22).toString('hex'),
    // As custodians type components and as share sheets print them (issue 11): groups of 4 hex digits.
    hexGroups: bytes
      .toString('hex')
      .toUpperCase()
      .match(/.{1,4}/g)!
      .join(' '),
  };
}

declare global {
  interface Window {
    __ceremonyUiState?: () => string;
  }
}
