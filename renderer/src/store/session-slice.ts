/** A mirror of main's session as main reports it: results only (lengths, check values, fingerprints, KMS answers). */
import type { StateCreator } from 'zustand';
import type { SessionState } from '../../../electron/shared/ipc-contract';
import { EMPTY_SESSION } from '../steps';
import { keepUnchanged } from './keep-unchanged';

/** What the online station learnt from a wrapped bundle (main's session only says it came from offline). */
export interface OfflineWrap {
  checkValue: { kind: string; value: string };
  offlineEvents: number;
}

export interface SessionSlice {
  session: SessionState;
  /** Set once main's `sessionState` has answered after load, so the first screen never guesses. */
  restored: boolean;
  offlineWrap: OfflineWrap | null;
  setSession(session: SessionState): void;
  setOfflineWrap(offlineWrap: OfflineWrap | null): void;
}

export const createSessionSlice: StateCreator<SessionSlice, [], [], SessionSlice> = (set) => ({
  session: EMPTY_SESSION,
  restored: false,
  offlineWrap: null,
  setSession: (session) =>
    set((s) => ({
      // Parts main did not change keep their identity, so only their subscribers re-render.
      session: keepUnchanged(s.session, session),
      restored: true,
      offlineWrap: session.wrapped?.fromOfflineStation ? s.offlineWrap : null,
    })),
  setOfflineWrap: (offlineWrap) => set({ offlineWrap }),
});
