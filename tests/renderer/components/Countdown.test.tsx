import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countdownState, remaining, useCountdownState } from '../../../renderer/src/components/Countdown';

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

describe('useCountdownState', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('re-renders its screen when the state changes, not on every tick', () => {
    vi.useFakeTimers({ now });
    const states: string[] = [];
    function Screen() {
      states.push(useCountdownState(at(3_600_000 + 3_000)));
      return null;
    }
    render(<Screen />);
    act(() => vi.advanceTimersByTime(2_000)); // still ok: no re-render
    expect(states).toEqual(['ok']);
    act(() => vi.advanceTimersByTime(2_000)); // under one hour left
    expect(states.at(-1)).toBe('warn');
    const rendersWhileWarning = states.length;
    act(() => vi.advanceTimersByTime(10_000));
    // Ten ticks at the same state: React may render once more before it bails out, never once per tick.
    expect(states.length - rendersWhileWarning).toBeLessThanOrEqual(1);
    act(() => vi.advanceTimersByTime(3_600_000));
    expect(states.at(-1)).toBe('expired');
  });
});
