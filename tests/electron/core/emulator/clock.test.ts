import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmulatorClock, MAX_CLOCK_OFFSET_SECONDS } from '../../../../electron/core/emulator/clock';
import { startEmulator } from '../../../../electron/core/emulator/index';

/** The movable emulator clock (--time-offset, advanceClock) that token and material expiry follow. */
describe('emulator clock', () => {
  it('starts at the configured offset and only moves forward', () => {
    const clock = new EmulatorClock(3600);
    expect(clock.nowMs() - Date.now()).toBeGreaterThanOrEqual(3600_000 - 50);
    clock.advance(60);
    expect(clock.nowMs() - Date.now()).toBeGreaterThanOrEqual(3660_000 - 50);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });

  it('stays within ten years of wall time: no Infinity, no overflow by repeated advances', () => {
    const clock = new EmulatorClock();
    expect(() => clock.advance(1e308)).toThrow(/more than 10 years/);
    expect(() => clock.set(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    clock.advance(MAX_CLOCK_OFFSET_SECONDS - 10);
    expect(() => clock.advance(3600)).toThrow(/more than 10 years/);
    expect(Number.isFinite(clock.nowMs())).toBe(true);
    expect(() => new EmulatorClock(-MAX_CLOCK_OFFSET_SECONDS - 1)).toThrow(RangeError);
    expect(() => new EmulatorClock(-86_400)).not.toThrow();
  });

  it('startEmulator refuses a --time-offset beyond ten years with a usage error', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kms-clock-'));
    try {
      await expect(startEmulator({ dataDir, timeOffsetSeconds: 1e12 })).rejects.toMatchObject({
        code: 'USAGE',
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('startEmulator honours timeOffsetSeconds and advanceClock', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kms-clock-'));
    const emulator = await startEmulator({ dataDir, timeOffsetSeconds: 86_400 });
    try {
      expect(emulator.now().getTime() - Date.now()).toBeGreaterThanOrEqual(86_400_000 - 1000);
      emulator.advanceClock(86_400);
      expect(emulator.now().getTime() - Date.now()).toBeGreaterThanOrEqual(2 * 86_400_000 - 1000);
      expect(emulator.endpoint).toBe(`http://127.0.0.1:${emulator.port}`);
    } finally {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
