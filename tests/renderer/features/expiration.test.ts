import { describe, expect, it } from 'vitest';
import {
  expirationProblem,
  presetValidTo,
  validToProblem,
} from '../../../renderer/src/features/import/expiration';

const now = Date.parse('2026-11-28T12:00:30.000Z');
const DAY = 86_400_000;

describe('expiration rules', () => {
  it('refuses the past, now, and more than 365 days ahead', () => {
    expect(validToProblem(new Date(now - 1000), now)).toMatch(/future/);
    expect(validToProblem(new Date(now), now)).toMatch(/future/);
    expect(validToProblem(new Date(now + 365 * DAY + 1000), now)).toMatch(/365 days/);
    expect(validToProblem(null, now)).toMatch(/Pick/);
    expect(validToProblem(new Date(NaN), now)).toMatch(/Pick/);
  });

  it('accepts every preset, floored to the minute', () => {
    for (const days of [30, 90, 180, 365]) {
      const d = presetValidTo(days, now);
      expect(d.getUTCSeconds()).toBe(0);
      expect(validToProblem(d, now)).toBeNull();
      expect(now + days * DAY - d.getTime()).toBeLessThan(60_000);
    }
  });

  it('requires a written justification for material that does not expire', () => {
    const never = (justification: string) =>
      expirationProblem({ model: 'KEY_MATERIAL_DOES_NOT_EXPIRE', justification }, now);
    expect(never('')).toMatch(/justification/);
    expect(never('   exactly10!   ')).toBeNull();
    expect(never('   short   ')).toMatch(/justification/);
    expect(never('Root key for the offline CA; rotation is manual.')).toBeNull();
  });
});
