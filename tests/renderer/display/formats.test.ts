import { describe, expect, it } from 'vitest';
import { formatCheckValue, formatHash, hexGroups } from '../../../electron/shared/display/hash-format';
import { pgpWordRows } from '../../../electron/shared/display/pgp-grid';
import { formatInstant, instantParts } from '../../../electron/shared/display/time-format';

describe('the one hash format', () => {
  it('is upper-case hex in groups of four with the algorithm named, whatever case it came in', () => {
    const hex = '3f2a9c01' + 'ab'.repeat(28);
    expect(formatHash(hex)).toBe(`SHA-256 3F2A 9C01 ${'ABAB '.repeat(13)}ABAB`);
    expect(formatHash(hex.toUpperCase())).toBe(formatHash(hex));
    expect(hexGroups('3F:2A 9c01')).toBe('3F2A9C01'); // separators dropped; eight digits stay whole
  });

  it('names how a check value was computed; KCVs stay six digits, SPKI hashes are grouped', () => {
    expect(formatCheckValue({ kind: 'AES-CMAC', value: 'fe4608' })).toBe('AES-CMAC KCV FE4608');
    expect(formatCheckValue({ kind: 'HMAC', value: '0A0B0C' })).toBe('HMAC KCV 0A0B0C');
    expect(formatCheckValue({ kind: 'SPKI-SHA256', value: 'AB'.repeat(32) })).toBe(
      `SPKI SHA-256 ${'ABAB '.repeat(15)}ABAB`,
    );
  });
});

describe('PGP word grid', () => {
  it('numbers 32 words 1–32, four to a row', () => {
    const words = Array.from({ length: 32 }, (_, i) => `w${i + 1}`);
    const rows = pgpWordRows(words);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual([
      { number: 1, word: 'w1' },
      { number: 2, word: 'w2' },
      { number: 3, word: 'w3' },
      { number: 4, word: 'w4' },
    ]);
    expect(rows[7]![3]).toEqual({ number: 32, word: 'w32' });
  });
});

describe('the one instant format', () => {
  it('shows UTC and local time with the IANA zone and its offset, 24-hour, to the second', () => {
    expect(formatInstant('2027-02-28T13:56:18.958Z', 'Europe/Paris')).toBe(
      '2027-02-28 13:56:18 UTC (local 2027-02-28 14:56:18 Europe/Paris, UTC+01:00)',
    );
    // Daylight saving is the offset at that instant, and the local date can differ from UTC's.
    expect(formatInstant('2027-07-28T00:56:18Z', 'America/New_York')).toBe(
      '2027-07-28 00:56:18 UTC (local 2027-07-27 20:56:18 America/New_York, UTC-04:00)',
    );
    expect(instantParts(new Date('2027-07-28T00:56:18Z'), 'Asia/Kolkata').offset).toBe('UTC+05:30');
    expect(instantParts('2027-07-28T00:56:18Z', 'UTC').offset).toBe('UTC+00:00');
  });

  it('never prints 12-hour times', () => {
    expect(formatInstant('2027-01-01T23:05:00Z', 'UTC')).toContain('23:05:00 UTC');
    expect(formatInstant('2027-01-01T23:05:00Z', 'UTC')).not.toMatch(/AM|PM/);
  });

  it('refuses what is not an instant', () => {
    expect(() => formatInstant('not a date')).toThrow(/Not an instant/);
  });
});
