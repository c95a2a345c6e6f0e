/** Which step the officers are looking at. */
import type { StateCreator } from 'zustand';
import type { StepId } from '../steps';

/** A key chosen in the expiry planner for a reimport from backup: where to connect and which key to pick. */
export interface ReimportKey {
  keyArn: string;
  /** Alias or key id, for the sentences that name it. */
  label: string;
  region: string;
  target: 'emulator' | 'aws';
  profile: string | null;
}

export interface NavSlice {
  step: StepId;
  goTo(step: StepId): void;
  /** Why the ceremony was started: a first import, or a reimport from an M-of-N backup (issue 11). */
  intent: 'import' | 'reimport-from-backup';
  setIntent(intent: NavSlice['intent']): void;
  /** Set from an expiry planner row (issue 13): Connect and Key are preset for this key. */
  reimportKey: ReimportKey | null;
  setReimportKey(key: ReimportKey | null): void;
}

export const createNavSlice: StateCreator<NavSlice, [], [], NavSlice> = (set) => ({
  step: 'connect',
  goTo: (step) => set({ step }),
  intent: 'import',
  setIntent: (intent) => set({ intent }),
  reimportKey: null,
  setReimportKey: (reimportKey) => set({ reimportKey }),
});
