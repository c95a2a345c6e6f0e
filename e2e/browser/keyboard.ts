/** Keyboard-only driving: Tab until the control has the focus, then press a key. No mouse, no .click(). */
import { expect, type Locator, type Page } from '@playwright/test';

export async function tabTo(page: Page, target: Locator, maxPresses = 120): Promise<void> {
  await expect(target).toBeEnabled({ timeout: 60_000 });
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()} in ${maxPresses} presses`);
}

export async function activate(page: Page, target: Locator, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press(key);
}
