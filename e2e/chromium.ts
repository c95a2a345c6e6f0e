import { existsSync } from 'node:fs';

/** Debian's Chromium (or CHROMIUM_PATH); undefined means "use Playwright's own browser, if installed". */
export function chromiumExecutable(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(candidate) ? candidate : undefined;
}

// --no-sandbox only because CI runs as root; the app's own sandbox setting is asserted in the Electron project.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
