/**
 * Test-only: defines `window.ceremony` in a plain browser by posting each call to the loopback bridge.
 * The token comes from a meta tag the bridge writes into index.html, so a foreign page that includes
 * this script gets no working API.
 */
import { buildCeremonyApi } from '../../electron/preload/api';

const token = document.querySelector('meta[name="ceremony-bridge-token"]')?.getAttribute('content') ?? '';

const api = buildCeremonyApi(async (channel, req) => {
  const response = await fetch(`/__bridge/ipc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(req ?? {}),
  });
  if (!response.ok) throw new Error(`bridge refused the call: HTTP ${response.status}`);
  return response.json();
});

Object.defineProperty(window, 'ceremony', { value: api, writable: false, configurable: false });
