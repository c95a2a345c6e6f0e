/** `npm start` without an Electron binary: one clear paragraph, a non-zero exit, no stack trace (issue 12). */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm start without the Electron runtime', () => {
  it('says what is missing, how to get it, ELECTRON_OVERRIDE_DIST_PATH, and how to rehearse without it', () => {
    const r = spawnSync(process.execPath, ['scripts/start-electron.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist' },
    });
    expect(r.status).toBe(1);
    const text = r.stderr + r.stdout;
    expect(text).toMatch(/cannot open its window: the Electron [\d.]+ runtime is not installed/);
    expect(text).toContain(
      'ELECTRON_OVERRIDE_DIST_PATH=/nonexistent/electron-dist holds no electron executable',
    );
    expect(text).toContain('On a machine with network access, run `npm ci`');
    expect(text).toContain('kms-ceremony run examples/symmetric-rehearsal.yaml');
    expect(text).not.toMatch(/^\s+at /m); // no stack trace
    expect(text).not.toMatch(/TypeError|fetch failed/);
  });
});
