/**
 * The UI store: UI state and main's non-secret results only. Key material, passphrases and file bytes
 * never enter it; `window.__ceremonyUiState` lets tests and auditors read exactly what it holds.
 */
import { create } from 'zustand';
import { createActivitySlice, type ActivitySlice } from './activity-slice';
import { createFinishSlice, type FinishSlice } from './finish-slice';
import { createNavSlice, type NavSlice } from './nav-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';

export type UiState = SessionSlice & NavSlice & ActivitySlice & FinishSlice;

export const useUi = create<UiState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createNavSlice(...a),
  ...createActivitySlice(...a),
  ...createFinishSlice(...a),
}));

declare global {
  interface Window {
    __ceremonyUiState?: () => string;
  }
}

/** Read-only view for audits: a fresh JSON snapshot each call, never a handle to mutate. */
export function exposeUiState(): void {
  if (Object.getOwnPropertyDescriptor(window, '__ceremonyUiState')) return;
  Object.defineProperty(window, '__ceremonyUiState', {
    value: () => JSON.stringify(useUi.getState()),
    writable: false,
    configurable: false,
  });
}
