import { describe, expect, it } from 'vitest';
import { expiryCalendar } from '../../../../electron/core/lifecycle/expiry-calendar';
import { expiryCsv } from '../../../../electron/core/lifecycle/expiry-formats';
import { warningFor, type ExpiryEntry } from '../../../../electron/core/lifecycle/expiry-planner';

const entry = (over: Partial<ExpiryEntry>): ExpiryEntry => ({
  profile: null,
  region: 'eu-west-1',
  alias: null,
  keyId: 'k',
  keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k',
  keySpec: 'SYMMETRIC_DEFAULT',
  keyState: 'Enabled',
  multiRegion: null,
  keyMaterialId: null,
  keyMaterialState: 'CURRENT',
  importState: 'IMPORTED',
  expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
  validTo: null,
  daysLeft: null,
  warning: null,
  backup: 'unknown',
  ...over,
});

describe('expiry warnings and formats', () => {
  it('warns at the smallest threshold the days left fall under; missing material always; staged material never', () => {
    expect([0, 6, 7, 29, 30, 89, 90, null].map((d) => warningFor('IMPORTED', 'CURRENT', d))).toEqual([
      'within-7-days',
      'within-7-days',
      'within-30-days',
      'within-30-days',
      'within-90-days',
      'within-90-days',
      null,
      null,
    ]);
    expect(warningFor('PENDING_IMPORT', 'CURRENT', null)).toBe('material-missing');
    expect(warningFor('PENDING_IMPORT', 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION', null)).toBeNull();
  });

  it('CSV quotes commas and quotes, and defuses a cell a spreadsheet would run as a formula', () => {
    const plan = {
      generatedAt: '2026-11-30T00:00:00.000Z',
      regions: [],
      entries: [entry({ profile: '=cmd|x,"y"' })],
    };
    const row = expiryCsv(plan).split('\r\n')[1]!;
    expect(row).toContain(`"'=cmd|x,""y"""`);
  });

  it('a plan with nothing expiring is still a calendar', () => {
    const text = expiryCalendar({
      generatedAt: '2026-11-30T00:00:00.000Z',
      regions: [],
      entries: [entry({})],
    });
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
    expect(text).not.toContain('VEVENT');
  });
});
