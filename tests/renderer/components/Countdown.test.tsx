import { describe, expect, it } from 'vitest';
import { countdownState, remaining } from '../../../renderer/src/components/Countdown';

const now = Date.parse('2026-11-28T12:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();

describe('Countdown', () => {
  it('reads hours, minutes and seconds left', () => {
    expect(remaining(23 * 3_600_000 + 59 * 60_000 + 5_000)).toBe('23 h 59 min 05 s left');
    expect(remaining(0)).toBe('expired');
  });

  it('is ok above one hour, warns below, and is expired at the instant', () => {
    expect(countdownState(at(3_600_000), now)).toBe('ok');
    expect(countdownState(at(3_599_000), now)).toBe('warn');
    expect(countdownState(at(0), now)).toBe('expired');
    expect(countdownState(at(10 * 3_600_000), now, true)).toBe('expired');
  });
});
