import type { Page } from '@playwright/test';

/**
 * Waits (up to 2 s) until no CSS transition runs on `page`: a button just enabled or a panel just opened
 * fades in over ~250 ms, and axe and screenshots should see the screen as the officers do, not half-way
 * through a colour change (axe then measures the contrast of the blend; Chromium 156 showed it).
 */
export async function transitionsSettled(page: Page): Promise<void> {
  await page
    .waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition)), null, {
      timeout: 2_000,
    })
    .catch(() => undefined);
}
