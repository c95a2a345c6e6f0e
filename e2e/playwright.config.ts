import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from './chromium';

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  reporter: [['list']],
  use: { screenshot: 'only-on-failure', trace: 'off' },
  projects: [
    {
      name: 'chromium',
      testMatch: 'browser/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
      },
    },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
