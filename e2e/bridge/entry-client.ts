/**
 * Test-only: defines `window.custodyEntry` on the bridge's entry page (the custody entry window's stand-in,
 * issue 11) by posting its calls to the loopback bridge. Only the entry channels: this page has no
 * `window.ceremony`, as the Electron entry window's preload exposes none.
 */
import { buildCustodyEntryApi } from '../../electron/preload/api';
import { bridgeInvoke } from './transport';

const api = buildCustodyEntryApi(bridgeInvoke);
Object.defineProperty(window, 'custodyEntry', { value: api, writable: false, configurable: false });
