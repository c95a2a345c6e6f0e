/** A mirror of main's session as main reports it: results only (lengths, check values, fingerprints, KMS answers). */
import type { StateCreator } from 'zustand';
import type { SessionState } from '../../../electron/shared/ipc-contract';
import { EMPTY_SESSION } from '../steps';

export interface SessionSlice {
  session: SessionState;
  /** Set once main's `sessionState` has answered after load, so the first screen never guesses. */
  restored: boolean;
  setSession(session: SessionState): void;
}

export const createSessionSlice: StateCreator<SessionSlice, [], [], SessionSlice> = (set) => ({
  session: EMPTY_SESSION,
  restored: false,
  setSession: (session) => set({ session, restored: true }),
});
