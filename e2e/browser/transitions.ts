import type { Page } from '@playwright/test';

/**
 * Waits (up to 2 s) until no CSS transition and no finite CSS animation runs on `page`: a button just
 * enabled or a panel just opened fades in over ~250 ms, and a button pressed from the keyboard or the mouse
 * spreads and fades a ripple over ~550 ms; axe and screenshots should see the screen as the officers do,
 * not half-way through a colour change (axe then measures the contrast of the blend: Chromium 156 showed
 * it for a fade, and a keyboard-pressed button's ripple on the Finish screen). Infinite animations (the
 * pulse of a focused button) never end, so they are not waited for.
 */
export async function transitionsSettled(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every(
            (a) => !(a instanceof CSSTransition) && a.effect?.getComputedTiming().iterations === Infinity,
          ),
      null,
      { timeout: 2_000 },
    )
    .catch(() => undefined);
}
