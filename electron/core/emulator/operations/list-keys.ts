import type { RequestContext } from '../context';
import { settleKey } from '../lifecycle';
import { page } from '../pagination';
import { shapes } from '../wire';
import type { Operation } from './operation';

export const listKeys: Operation = {
  input: { Limit: shapes.limit, Marker: shapes.marker },
  run(ctx: RequestContext, input: { Limit?: number; Marker?: string }) {
    const keys = ctx.store.keysIn(ctx.region).filter((key) => settleKey(ctx, key) !== undefined);
    const { items, truncated, nextMarker } = page(keys, input.Limit, input.Marker);
    return {
      Keys: items.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })),
      Truncated: truncated,
      NextMarker: nextMarker,
    };
  },
};
