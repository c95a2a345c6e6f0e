/**
 * The expiry plan as text for people and for other tools: a table for the terminal, CSV (RFC 4180: fields
 * with a comma, quote or line break are quoted, quotes doubled, CRLF line ends) and JSON. Same entries, same
 * order (expiry-planner.ts: soonest first). Instants in UTC (ISO 8601), as KMS gives them.
 */
import type { ExpiryEntry, ExpiryPlan, ExpiryWarning } from './expiry-planner';

const WARNING_TEXT: Record<Exclude<ExpiryWarning, null>, string> = {
  'material-missing': 'MISSING: reimport the same material',
  'within-7-days': 'EXPIRES WITHIN 7 DAYS',
  'within-30-days': 'expires within 30 days',
  'within-90-days': 'expires within 90 days',
};

export const warningText = (warning: ExpiryWarning) => (warning ? WARNING_TEXT[warning] : '');

const CSV_COLUMNS: (keyof ExpiryEntry)[] = [
  'daysLeft',
  'validTo',
  'warning',
  'alias',
  'keyArn',
  'keyId',
  'region',
  'profile',
  'keySpec',
  'keyState',
  'multiRegion',
  'keyMaterialId',
  'keyMaterialState',
  'importState',
  'expirationModel',
  'backup',
];

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would make a spreadsheet run the cell as a formula (CSV injection): quote and mark it.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function expiryCsv(plan: ExpiryPlan): string {
  const rows = [
    CSV_COLUMNS.join(','),
    ...plan.entries.map((e) => CSV_COLUMNS.map((c) => csvField(e[c])).join(',')),
  ];
  return `${rows.join('\r\n')}\r\n`;
}

export function expiryJson(plan: ExpiryPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

const utc = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** A plain-text table, soonest first, then one line per Region that could not be listed. */
export function expiryTable(plan: ExpiryPlan): string {
  const header = [
    'DAYS',
    'VALID TO (UTC)',
    'WARNING',
    'ALIAS',
    'REGION',
    'KEY STATE',
    'MATERIAL',
    'SPEC',
    'BACKUP',
    'KEY ARN',
  ];
  const rows = plan.entries.map((e) => [
    e.daysLeft === null ? '-' : String(e.daysLeft),
    e.validTo ? utc(e.validTo) : e.importState === 'IMPORTED' ? 'does not expire' : 'not imported',
    warningText(e.warning),
    e.alias ?? '-',
    e.profile ? `${e.region} (${e.profile})` : e.region,
    e.keyState,
    [e.keyMaterialState, e.keyMaterialId?.slice(0, 8)].filter(Boolean).join(' ') || '-',
    e.keySpec,
    e.backup,
    e.keyArn,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(header), ...rows.map(line)];
  const failed = plan.regions.filter((x) => x.status === 'failed');
  if (plan.entries.length === 0) {
    // "none found" must not read as "nothing expires" when some Regions could not be looked at.
    const listed = plan.regions.length - failed.length;
    out.push(
      failed.length === 0
        ? '(no EXTERNAL keys found)'
        : listed === 0
          ? '(no Region could be listed: nothing is known about its keys)'
          : `(no EXTERNAL keys found in the ${listed} Region(s) listed; ${failed.length} could not be listed)`,
    );
  }
  for (const r of failed) {
    out.push(
      `NOT LISTED: ${r.region}${r.profile ? ` (profile ${r.profile})` : ''}: ${r.message ?? ''} ${r.hint ?? ''}`.trimEnd(),
    );
  }
  return `${out.join('\n')}\n`;
}
