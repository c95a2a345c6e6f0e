/**
 * The emulator's clock: wall time plus an offset that rehearsals and tests move forward
 * (`--time-offset`, `advanceClock`, and with `--test-clock` only, `POST /_emulator/clock`). Token and
 * material expiry read only this clock. The offset stays within ±10 years of wall time: beyond that a date
 * is no rehearsal of anything, and unbounded arithmetic reaches Infinity (keys with `CreationDate: null`).
 */
export const MAX_CLOCK_OFFSET_SECONDS = 10 * 365 * 86_400 + 3 * 86_400; // ten years, leap days included

export class EmulatorClock {
  private offsetMs: number;

  /** @throws RangeError when `offsetSeconds` is not finite or beyond ±10 years. */
  constructor(offsetSeconds = 0) {
    this.offsetMs = checkedOffsetMs(offsetSeconds * 1000, `time offset ${String(offsetSeconds)} s`);
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Epoch seconds with millisecond fraction, the KMS wire form of timestamps. */
  nowSeconds(): number {
    return this.nowMs() / 1000;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /**
   * Moves time forward only: moving it back would revive expired tokens and material.
   * @throws RangeError for a negative or non-finite value, or one taking the clock past +10 years.
   */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`advanceSeconds must be a finite number >= 0; got ${String(seconds)}.`);
    }
    this.offsetMs = checkedOffsetMs(this.offsetMs + Math.round(seconds * 1000), `advanceSeconds ${seconds}`);
  }

  /**
   * Sets the clock to `epochMs` (forward only, within ten years of wall time).
   * @throws RangeError when it is not finite, earlier than the clock's current time, or out of range.
   */
  set(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw new RangeError(`set must be a finite time; got ${String(epochMs)}.`);
    if (epochMs < this.nowMs()) {
      throw new RangeError(
        `set ${new Date(epochMs).toISOString()} is before the emulator clock (${this.now().toISOString()}); it only moves forward.`,
      );
    }
    this.offsetMs = checkedOffsetMs(
      Math.round(epochMs - Date.now()),
      `set ${new Date(epochMs).toISOString()}`,
    );
  }
}

function checkedOffsetMs(offsetMs: number, what: string): number {
  if (!Number.isFinite(offsetMs) || Math.abs(offsetMs) > MAX_CLOCK_OFFSET_SECONDS * 1000) {
    throw new RangeError(
      `${what} would put the emulator clock more than 10 years (${MAX_CLOCK_OFFSET_SECONDS} s) from this machine's time.`,
    );
  }
  return Math.round(offsetMs);
}
