/** Which step the officers are looking at. */
import type { StateCreator } from 'zustand';
import type { StepId } from '../steps';

export interface NavSlice {
  step: StepId;
  goTo(step: StepId): void;
  /** Why the ceremony was started: a first import, or a reimport from an M-of-N backup (issue 11). */
  intent: 'import' | 'reimport-from-backup';
  setIntent(intent: NavSlice['intent']): void;
}

export const createNavSlice: StateCreator<NavSlice, [], [], NavSlice> = (set) => ({
  step: 'connect',
  goTo: (step) => set({ step }),
  intent: 'import',
  setIntent: (intent) => set({ intent }),
});
