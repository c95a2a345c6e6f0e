import type { RequestContext } from '../context';
import { settleKey } from '../lifecycle';
import { parseMarker } from '../pagination';
import type { KeyRecord } from '../store/records';
import { shapes } from '../wire';
import type { Operation } from './operation';

/**
 * ListKeys walks the Region's keys in creation order from the marker's position and settles only the keys it
 * returns (plus the one after, to know whether the list is truncated): a page costs what it holds, whatever
 * the number of keys. A key deleted by settling is skipped, like one deleted before.
 */
export const listKeys: Operation = {
  input: { Limit: shapes.limit, Marker: shapes.marker },
  run(ctx: RequestContext, input: { Limit?: number; Marker?: string }) {
    const limit = input.Limit ?? 100;
    const positions = ctx.store.listIndex.keyPositions(ctx.region);
    const items: KeyRecord[] = [];
    let next: number | undefined;
    for (let at = parseMarker(input.Marker, positions.length); at < positions.length; at++) {
      const keyId = positions[at];
      const stored = keyId === null || keyId === undefined ? undefined : ctx.store.getKey(ctx.region, keyId);
      const key = stored && settleKey(ctx, stored);
      if (!key) continue;
      if (items.length === limit) {
        next = at;
        break;
      }
      items.push(key);
    }
    return {
      Keys: items.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })),
      Truncated: next !== undefined,
      NextMarker: next === undefined ? undefined : String(next),
    };
  },
};
