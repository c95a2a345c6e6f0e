import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli } from './crypto-cli-harness';

describe('kms-ceremony selftest', () => {
  it('passes in-process and lists every known-answer test', async () => {
    const r = await cli(['selftest']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^PASS /gm)?.length).toBeGreaterThanOrEqual(12);
    expect(r.stdout).toMatch(/All \d+ self-tests passed/);
  });

  it('runs for real as `node bin/kms-ceremony.cjs selftest` (the npm run cli path)', () => {
    const r = spawnSync(process.execPath, ['bin/kms-ceremony.cjs', 'selftest'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/All \d+ self-tests passed/);
  });
});
