import type { AliasRecord, KeyRecord } from './records';

/**
 * What the List* operations walk, kept up to date as the store applies each change, so a page costs what the
 * page holds rather than a pass over every key (issue 12):
 *  - per Region, key IDs in creation order at stable positions (a deleted key leaves a hole, dropped when the
 *    store is next opened), so ListKeys starts at its marker directly;
 *  - per Region, alias names in sorted order, and per key the names of its aliases, so ListAliases (with or
 *    without KeyId) neither filters nor sorts every alias.
 */
class Positions {
  readonly ids: (string | null)[] = [];
  private readonly at = new Map<string, number>();

  add(id: string): void {
    if (this.at.has(id)) return;
    this.at.set(id, this.ids.length);
    this.ids.push(id);
  }

  remove(id: string): void {
    const i = this.at.get(id);
    if (i === undefined) return;
    this.ids[i] = null;
    this.at.delete(id);
  }
}

/** Sorted insert/remove by binary search (writes are rare; reads page through the sorted array). */
function insertSorted(names: string[], name: string): void {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (names[mid]! < name) lo = mid + 1;
    else hi = mid;
  }
  if (names[lo] !== name) names.splice(lo, 0, name);
}

function removeSorted(names: string[], name: string): void {
  const i = names.indexOf(name);
  if (i >= 0) names.splice(i, 1);
}

const ref = (region: string, id: string) => `${region}/${id}`;

export class ListIndex {
  private readonly keys = new Map<string, Positions>();
  private readonly aliasNames = new Map<string, string[]>();
  private readonly aliasesOfKey = new Map<string, Set<string>>();

  putKey(key: KeyRecord): void {
    let positions = this.keys.get(key.region);
    if (!positions) this.keys.set(key.region, (positions = new Positions()));
    positions.add(key.keyId);
  }

  deleteKey(region: string, keyId: string): void {
    this.keys.get(region)?.remove(keyId);
  }

  /** `previous` is the record this one replaces (an alias may move to another key). */
  putAlias(alias: AliasRecord, previous: AliasRecord | undefined): void {
    if (previous) this.deleteAlias(previous);
    let names = this.aliasNames.get(alias.region);
    if (!names) this.aliasNames.set(alias.region, (names = []));
    insertSorted(names, alias.aliasName);
    const owner = ref(alias.region, alias.targetKeyId);
    let own = this.aliasesOfKey.get(owner);
    if (!own) this.aliasesOfKey.set(owner, (own = new Set()));
    own.add(alias.aliasName);
  }

  deleteAlias(alias: AliasRecord): void {
    removeSorted(this.aliasNames.get(alias.region) ?? [], alias.aliasName);
    this.aliasesOfKey.get(ref(alias.region, alias.targetKeyId))?.delete(alias.aliasName);
  }

  /** Key IDs of a Region by position; `null` where a key was deleted. Do not modify. */
  keyPositions(region: string): readonly (string | null)[] {
    return this.keys.get(region)?.ids ?? [];
  }

  /** Alias names of a Region, sorted. Do not modify. */
  sortedAliasNames(region: string): readonly string[] {
    return this.aliasNames.get(region) ?? [];
  }

  aliasNamesOf(region: string, keyId: string): string[] {
    return [...(this.aliasesOfKey.get(ref(region, keyId)) ?? [])].sort();
  }
}
