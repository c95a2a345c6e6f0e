/**
 * The one way an instant is shown (screens, countdown, expiration summary, record, CLI): UTC and the
 * viewer's local time with the zone named by its IANA name and offset, 24-hour, to the second, e.g.
 * "2027-02-28 00:56:18 UTC (local 2027-02-28 01:56:18 Europe/Paris, UTC+01:00)".
 * Officers in different zones, and an auditor years later, read the same moment without guessing.
 */
export interface InstantParts {
  /** "2027-02-28 00:56:18 UTC" */
  utc: string;
  /** "2027-02-28 01:56:18" in `zone` */
  local: string;
  /** IANA zone name, e.g. "Europe/Paris" ("UTC" where the runtime knows no zone). */
  zone: string;
  /** "UTC+01:00" at that instant (daylight saving included). */
  offset: string;
}

// Building an Intl.DateTimeFormat costs ~1 ms (ICU data); a record formats hundreds of instants, so each
// formatter is made once per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f;
}

function localZone(): string {
  return formatter('local', () => Intl.DateTimeFormat()).resolvedOptions().timeZone || 'UTC';
}

function wallClock(date: Date, timeZone: string): string {
  const parts = formatter(
    `wall ${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
  ).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

function utcOffset(date: Date, timeZone: string): string {
  const name =
    formatter(
      `offset ${timeZone}`,
      () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }),
    )
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  // "GMT+01:00", or "GMT" for a zero offset.
  return name === 'GMT' ? 'UTC+00:00' : name.replace('GMT', 'UTC');
}

/** The parts of an instant (ISO 8601 string or Date); `timeZone` defaults to this machine's zone. */
export function instantParts(instant: string | Date, timeZone = localZone()): InstantParts {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: ${String(instant)}`);
  return {
    utc: `${wallClock(date, 'UTC')} UTC`,
    local: wallClock(date, timeZone),
    zone: timeZone,
    offset: utcOffset(date, timeZone),
  };
}

/** "2027-02-28 00:56:18 UTC (local 2027-02-28 01:56:18 Europe/Paris, UTC+01:00)". */
export function formatInstant(instant: string | Date, timeZone?: string): string {
  const p = instantParts(instant, timeZone);
  return `${p.utc} (local ${p.local} ${p.zone}, ${p.offset})`;
}
