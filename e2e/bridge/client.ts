/**
 * Test-only: defines `window.ceremony` in a plain browser by posting each call to the loopback bridge.
 * The token comes from a meta tag the bridge writes into index.html, so a foreign page that includes
 * this script gets no working API.
 */
import { buildCeremonyApi } from '../../electron/preload/api';
import { bridgeInvoke } from './transport';

const api = buildCeremonyApi(bridgeInvoke);

Object.defineProperty(window, 'ceremony', { value: api, writable: false, configurable: false });
