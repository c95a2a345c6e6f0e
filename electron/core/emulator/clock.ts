/**
 * The emulator's clock: wall time plus an offset that rehearsals and tests move forward
 * (`--time-offset`, `POST /_emulator/clock`). Token and material expiry read only this clock.
 */
export class EmulatorClock {
  private offsetMs: number;

  constructor(offsetSeconds = 0) {
    this.offsetMs = Math.round(offsetSeconds * 1000);
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

  /** Moves time forward only: moving it back would revive expired tokens and material. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`advanceSeconds must be a finite number >= 0; got ${String(seconds)}.`);
    }
    this.offsetMs += Math.round(seconds * 1000);
  }
}
