/** Self-tests overlap the first KMS round trip (issue 12): scheduled, not run inline, and run only once. */
import { describe, expect, it, vi } from 'vitest';

describe('runSelfTestsWhileWaiting', () => {
  it('runs the known-answer tests on the next event-loop turn, once', async () => {
    vi.resetModules();
    const crypto = await import('../../../../electron/core/crypto/self-test');
    expect(crypto.lastSelfTest()).toBeNull();
    crypto.runSelfTestsWhileWaiting();
    expect(crypto.lastSelfTest(), 'not inline: the caller’s request goes out first').toBeNull();
    await new Promise((r) => setImmediate(r));
    const report = crypto.lastSelfTest();
    expect(report?.ok).toBe(true);
    crypto.runSelfTestsWhileWaiting();
    await new Promise((r) => setImmediate(r));
    expect(crypto.lastSelfTest()).toBe(report); // not run again
  });
});
