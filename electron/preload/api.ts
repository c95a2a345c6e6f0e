import { channels, entryChannels, type Channel, type EntryChannel } from '../shared/channels';
import type { CeremonyApi, CustodyEntryApi } from '../shared/ipc-contract';

/** Builds `window.ceremony` from the channel table over a transport (Electron IPC, or the test bridge). */
export function buildCeremonyApi(invoke: (channel: Channel, req: unknown) => Promise<unknown>): CeremonyApi {
  const api: Record<string, (req: unknown) => Promise<unknown>> = {};
  for (const [channel, method] of Object.entries(channels) as [Channel, string][]) {
    api[method] = (req: unknown) => invoke(channel, req ?? {});
  }
  return Object.freeze(api) as unknown as CeremonyApi;
}

/** Builds `window.custodyEntry` (the custody entry window): its own channels only, nothing of the wizard's. */
export function buildCustodyEntryApi(
  invoke: (channel: EntryChannel, req: unknown) => Promise<unknown>,
): CustodyEntryApi {
  const api: Record<string, (req: unknown) => Promise<unknown>> = {};
  for (const [channel, method] of Object.entries(entryChannels) as [EntryChannel, string][]) {
    api[method] = (req: unknown) => invoke(channel, req ?? {});
  }
  return Object.freeze(api) as unknown as CustodyEntryApi;
}
