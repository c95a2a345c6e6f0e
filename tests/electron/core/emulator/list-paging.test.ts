/**
 * ListKeys / ListAliases paging (issue 12): pages walk the store's list index from the marker, so a page
 * touches only the keys it returns (plus one) whatever the number of keys; deleted keys are skipped.
 * The operations run in-process on a real store so the test can count which keys a page looks at.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmulatorClock } from '../../../../electron/core/emulator/clock';
import type { RequestContext } from '../../../../electron/core/emulator/context';
import { OPERATIONS } from '../../../../electron/core/emulator/operations/index';
import { KmsStore } from '../../../../electron/core/emulator/store/kms-store';
import { WrappingPool } from '../../../../electron/core/emulator/wrapping-pool';

let dir: string;
let ctx: RequestContext;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-paging-'));
  ctx = {
    store: KmsStore.open(dir),
    clock: new EmulatorClock(0),
    pool: new WrappingPool(0),
    accountId: '111122223333',
    defaultRegion: 'us-east-1',
    region: 'us-east-1',
    rotationSeconds: 10,
    replicaCreatingSeconds: 5,
    hmacAcceptLonger: false,
  };
});
afterEach(() => {
  ctx.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (op: string, input: object) =>
  (await OPERATIONS[op]!.run(ctx, input)) as Record<string, unknown>;
const createKeys = async (n: number) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push(((await call('CreateKey', {})).KeyMetadata as { KeyId: string }).KeyId);
  return ids;
};
type KeysPage = { Keys: { KeyId: string }[]; Truncated: boolean; NextMarker?: string };

describe('ListKeys paging', () => {
  it('walks every key once, in creation order, across pages; skips a key deleted meanwhile', async () => {
    const ids = await createKeys(25);
    const first = (await call('ListKeys', { Limit: 10 })) as KeysPage;
    expect(first.Keys.map((k) => k.KeyId)).toEqual(ids.slice(0, 10));
    expect(first.Truncated).toBe(true);
    // Key 12 reaches its deletion date between two pages.
    await call('ScheduleKeyDeletion', { KeyId: ids[11], PendingWindowInDays: 7 });
    ctx.clock.advance(8 * 86_400);
    const second = (await call('ListKeys', { Limit: 10, Marker: first.NextMarker })) as KeysPage;
    expect(second.Keys.map((k) => k.KeyId)).toEqual([...ids.slice(10, 11), ...ids.slice(12, 21)]);
    const third = (await call('ListKeys', { Limit: 10, Marker: second.NextMarker })) as KeysPage;
    expect(third.Keys.map((k) => k.KeyId)).toEqual(ids.slice(21));
    expect(third.Truncated).toBe(false);
    expect(third.NextMarker).toBeUndefined();
    await expect(call('ListKeys', { Marker: '999' })).rejects.toMatchObject({
      name: 'InvalidMarkerException',
    });
  });

  it('a page looks only at the keys it returns plus one, however many keys exist', async () => {
    await createKeys(300);
    const getKey = vi.spyOn(ctx.store, 'getKey');
    const page = (await call('ListKeys', { Limit: 5, Marker: '200' })) as KeysPage;
    expect(page.Keys).toHaveLength(5);
    expect(getKey).toHaveBeenCalledTimes(6);
  });
});

describe('ListAliases paging', () => {
  it('lists aliases sorted by name, per Region and per key, across pages', async () => {
    const [a, b] = await createKeys(2);
    for (const [name, key] of [
      ['alias/zeta', a],
      ['alias/alpha', b],
      ['alias/mid', a],
      ['alias/beta', a],
    ] as const)
      await call('CreateAlias', { AliasName: name, TargetKeyId: key });
    type AliasesPage = { Aliases: { AliasName: string; TargetKeyId: string }[]; NextMarker?: string };
    const first = (await call('ListAliases', { Limit: 3 })) as AliasesPage;
    expect(first.Aliases.map((x) => x.AliasName)).toEqual(['alias/alpha', 'alias/beta', 'alias/mid']);
    const rest = (await call('ListAliases', { Limit: 3, Marker: first.NextMarker })) as AliasesPage;
    expect(rest.Aliases.map((x) => x.AliasName)).toEqual(['alias/zeta']);
    const ofA = (await call('ListAliases', { KeyId: a })) as AliasesPage;
    expect(ofA.Aliases.map((x) => x.AliasName)).toEqual(['alias/beta', 'alias/mid', 'alias/zeta']);
    expect(ofA.Aliases.every((x) => x.TargetKeyId === a)).toBe(true);
    await call('DeleteAlias', { AliasName: 'alias/mid' });
    const after = (await call('ListAliases', { KeyId: a })) as AliasesPage;
    expect(after.Aliases.map((x) => x.AliasName)).toEqual(['alias/beta', 'alias/zeta']);
  });
});
