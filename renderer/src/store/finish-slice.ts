/** A ceremony just closed by its Finish step: what it was (its summary, captured before closing) and its closing facts. */
import type { StateCreator } from 'zustand';
import type { CeremonyInfo } from '../../../electron/shared/ipc-contract';

export interface FinishedCeremony {
  info: CeremonyInfo;
  /** The summary shown on the Finish step, as label/value text (no secrets: identifiers, hashes, dates). */
  summary: { label: string; value: string; mono?: boolean }[];
}

export interface FinishSlice {
  finished: FinishedCeremony | null;
  setFinished(finished: FinishedCeremony | null): void;
}

export const createFinishSlice: StateCreator<FinishSlice, [], [], FinishSlice> = (set) => ({
  finished: null,
  setFinished: (finished) => set({ finished }),
});
