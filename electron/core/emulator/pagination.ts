import { KmsError } from './errors';

/** Limit/Marker paging shared by the List* operations; the marker is the index of the next item. */
export function page<T>(items: T[], limit: number | undefined, marker: string | undefined) {
  let start = 0;
  if (marker !== undefined) {
    if (!/^\d+$/.test(marker) || Number(marker) > items.length) {
      throw new KmsError('InvalidMarkerException', 'Invalid marker');
    }
    start = Number(marker);
  }
  const end = Math.min(items.length, start + (limit ?? 100));
  const truncated = end < items.length;
  return { items: items.slice(start, end), truncated, nextMarker: truncated ? String(end) : undefined };
}
