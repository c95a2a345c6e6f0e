import { _electron as electron, test, expect } from '@playwright/test';
import path from 'node:path';
import { electronBinary, NO_ELECTRON_REASON } from '../electron-binary';

const binary = electronBinary();
if (!binary) console.log(NO_ELECTRON_REASON);

test.describe('the real Electron app', () => {
  test.skip(!binary, NO_ELECTRON_REASON);

  test('opens one locked-down window that answers app:info over real IPC', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [path.resolve('out/main/index.cjs'), '--no-sandbox'],
      env: { ...process.env, NODE_ENV: 'test' },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('app-info')).toContainText('electron');
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        // Not in Electron's typings but present at runtime; it reports what the renderer actually got.
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
          getLastWebPreferences(): Record<string, unknown> | null;
        };
        const p = contents.getLastWebPreferences();
        return {
          sandbox: p?.sandbox,
          contextIsolation: p?.contextIsolation,
          nodeIntegration: p?.nodeIntegration,
        };
      });
      expect(prefs).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false });
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
        'undefined',
      );
    } finally {
      await app.close();
    }
  });
});
