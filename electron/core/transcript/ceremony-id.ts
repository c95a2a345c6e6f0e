import { randomBytes } from 'node:crypto';

/** "20261128T124500Z-3f9a2c": sortable by start time, unique enough per station, safe as a file name. */
export function newCeremonyId(now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
