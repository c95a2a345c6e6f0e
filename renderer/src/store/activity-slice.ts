/**
 * What is running and what went wrong. One operation at a time: a ceremony is a sequence, and a second
 * click while KMS is still answering is always a mistake.
 */
import type { StateCreator } from 'zustand';
import type { IpcError } from '../../../electron/shared/ipc-contract';

export interface Busy {
  action: string;
  /** Shown next to the progress indicator, e.g. "Fetching import parameters…". */
  label: string;
  /** How long this usually takes, e.g. "Usually 2–30 seconds." */
  expected?: string;
  /** When it started (ms since the epoch), for the elapsed time. */
  since: number;
}

export interface ActivitySlice {
  busy: Busy | null;
  /** The last failure per screen area ("connect", "key", …), shown as message + hint. */
  errors: Partial<Record<string, IpcError>>;
  /** Set when main or KMS says the import parameters expired, whatever the local clock thinks. */
  parametersExpired: boolean;
  setBusy(busy: Busy | null): void;
  setError(scope: string, error: IpcError | null): void;
  setParametersExpired(expired: boolean): void;
}

export const createActivitySlice: StateCreator<ActivitySlice, [], [], ActivitySlice> = (set) => ({
  busy: null,
  errors: {},
  parametersExpired: false,
  setBusy: (busy) => set({ busy }),
  setError: (scope, error) =>
    set((s) => {
      const errors = { ...s.errors };
      if (error) errors[scope] = error;
      else delete errors[scope];
      return { errors };
    }),
  setParametersExpired: (parametersExpired) => set({ parametersExpired }),
});
