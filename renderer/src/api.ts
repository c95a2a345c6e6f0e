/** The renderer's only way to reach main. Types come from the contract; no runtime import of it. */
import type { CeremonyApi, IpcError, Result } from '../../electron/shared/ipc-contract';

declare global {
  interface Window {
    ceremony?: CeremonyApi;
  }
}

export class CallError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

export function ceremonyApi(): CeremonyApi {
  if (!window.ceremony) throw new Error('window.ceremony is missing: the app was opened outside its window.');
  return window.ceremony;
}

/** Unwraps a Result, throwing a CallError that carries the typed `{ code, message, hint }`. */
export async function call<T>(result: Promise<Result<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new CallError(r.error);
  return r.value;
}
