/** Instants shown twice, UTC and local, so officers in different time zones read the same moment. */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  const utc = d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const local = d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return `${utc} (local: ${local})`;
}
