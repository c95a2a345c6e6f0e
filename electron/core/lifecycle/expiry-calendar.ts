/**
 * The expiry plan as an iCalendar file (RFC 5545) through the maintained `ics` generator: one event at
 * each imported material's ValidTo, with display alarms 90, 30 and 7 days ahead (those still in the future
 * when the file is made) and one a day ahead, so the officers' calendars remind them to reimport the same
 * material (from its backup) before KMS deletes it. UIDs are stable per key material and Region, so
 * importing a newer file updates the events instead of duplicating them.
 */
import { createEvents, type Alarm, type EventAttributes } from 'ics';
import { AppError } from '../errors';
import { WARNING_DAYS, type ExpiryEntry, type ExpiryPlan } from './expiry-planner';

const DAY_MS = 86_400_000;
const REMINDER_DAYS = [...[...WARNING_DAYS].reverse(), 1];

function alarmsFor(validTo: number, now: number): Alarm[] {
  return REMINDER_DAYS.filter((days) => validTo - days * DAY_MS > now).map((days) => ({
    action: 'display',
    description: `KMS key material expires in ${days} day${days === 1 ? '' : 's'}`,
    // In hours: ics writes { days } as "-P7DT", whose bare "T" RFC 5545 (§3.3.6) does not allow.
    trigger: { hours: days * 24, before: true },
  }));
}

function eventFor(entry: ExpiryEntry, now: number): EventAttributes {
  const validTo = Date.parse(entry.validTo!);
  const name = entry.alias ?? entry.keyId;
  return {
    uid: `${entry.keyMaterialId ?? entry.keyId}.${entry.region}@kms-key-ceremony`,
    title: `KMS key material expires: ${name} (${entry.region})`,
    description: [
      `Key: ${entry.keyArn}`,
      `Alias: ${entry.alias ?? 'none'}`,
      `KeySpec: ${entry.keySpec}`,
      `KeyMaterialId: ${entry.keyMaterialId ?? 'n/a'} (${entry.keyMaterialState ?? 'current'})`,
      `ValidTo: ${entry.validTo}`,
      `Backup recorded on the planning station: ${entry.backup}`,
      'At ValidTo KMS deletes this key material and the key becomes unusable until the same material is imported again.',
      'Before then: in KMS Key Ceremony, "Reimport key material from backup" with a new ValidTo.',
    ].join('\n'),
    start: validTo,
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: 30 },
    alarms: alarmsFor(validTo, now),
    categories: ['KMS', 'key expiry'],
  };
}

/**
 * The .ics text for every imported, expiring material of the plan. `now` (ms) decides which alarms are
 * still ahead. @throws AppError EXPIRY_CALENDAR when the generator refuses an event (it names the field).
 */
export function expiryCalendar(plan: ExpiryPlan, now = Date.parse(plan.generatedAt)): string {
  const events = plan.entries
    .filter((e) => e.importState === 'IMPORTED' && e.validTo)
    .map((e) => eventFor(e, now));
  if (events.length === 0) {
    // ics answers an empty list with an empty string; a calendar file with no events is still a calendar.
    return 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:kms-key-ceremony\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n';
  }
  const { error, value } = createEvents(events, {
    productId: 'kms-key-ceremony',
    calName: 'KMS key material expiry',
  });
  if (error || !value) {
    throw new AppError(
      'EXPIRY_CALENDAR',
      `The calendar could not be written: ${error?.message ?? 'no output'}.`,
      'Export the plan as CSV or JSON instead, and report this.',
    );
  }
  return value;
}
