import { KmsError } from './errors';

/**
 * Limit/Marker paging shared by the List* operations. The marker is a position in the listing (opaque to
 * clients, as in KMS): `parseMarker` checks it, `page` cuts a page out of an already built list.
 */
export function parseMarker(marker: string | undefined, length: number): number {
  if (marker === undefined) return 0;
  if (!/^\d+$/.test(marker) || Number(marker) > length) {
    throw new KmsError('InvalidMarkerException', 'Invalid marker');
  }
  return Number(marker);
}

export function page<T>(items: readonly T[], limit: number | undefined, marker: string | undefined) {
  const start = parseMarker(marker, items.length);
  const end = Math.min(items.length, start + (limit ?? 100));
  const truncated = end < items.length;
  return { items: items.slice(start, end), truncated, nextMarker: truncated ? String(end) : undefined };
}
