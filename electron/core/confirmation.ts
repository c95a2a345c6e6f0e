/**
 * A question main asks the officers itself, natively (Electron's message box; the scripted dialog in the
 * browser test bridge), never through the renderer: a compromised renderer can neither answer it nor
 * change what it says. Resolves true only when the officer chose `confirmLabel`.
 */
export interface NativeConfirmation {
  title: string;
  /** One sentence naming exactly what will happen (the host, the key ARN). */
  message: string;
  detail: string;
  /** The button that goes ahead, e.g. "Delete key material"; the other button cancels (the default). */
  confirmLabel: string;
}

export type Confirm = (question: NativeConfirmation) => Promise<boolean>;

/** For callers with no one to ask (a test or a tool that never reaches a confirmation): always declines. */
export const declineAll: Confirm = () => Promise.resolve(false);
