/** Which step the officers are looking at. */
import type { StateCreator } from 'zustand';
import type { StepId } from '../steps';

export interface NavSlice {
  step: StepId;
  goTo(step: StepId): void;
}

export const createNavSlice: StateCreator<NavSlice, [], [], NavSlice> = (set) => ({
  step: 'connect',
  goTo: (step) => set({ step }),
});
