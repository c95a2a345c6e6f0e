/** The Regions table's words, the identical KeyMaterialId check, and the typed Region names' check. */
import { describe, expect, it } from 'vitest';
import type { MultiRegionStatus } from '../../../electron/shared/ipc-contract';
import { typedRegions } from '../../../renderer/src/features/multi-region/ReplicateForm';
import { regionResult, sameMaterial } from '../../../renderer/src/features/multi-region/region-results';

const ID = 'a'.repeat(64);
const row = (over: Partial<MultiRegionStatus['regions'][number]>): MultiRegionStatus['regions'][number] => ({
  region: 'eu-west-1',
  role: 'REPLICA',
  keyState: 'PendingImport',
  keyMaterialId: null,
  done: false,
  failure: null,
  ...over,
});
const status = (regions: MultiRegionStatus['regions']): MultiRegionStatus => ({
  keyId: 'mrk-1',
  primaryRegion: 'us-east-1',
  current: 'us-east-1',
  regions,
});

describe('Regions table', () => {
  it('says done, creating, failed with the reason, or pending', () => {
    expect(regionResult(row({ done: true, keyMaterialId: ID, keyState: 'Enabled' })).kind).toBe('done');
    expect(regionResult(row({ keyState: 'Creating' })).kind).toBe('creating');
    expect(regionResult(row({ failure: 'KMS refused it' }))).toEqual({
      kind: 'failed',
      text: 'Failed: KMS refused it',
    });
    expect(regionResult(row({})).text).toBe('Pending: import the same material here');
    expect(regionResult(row({ role: 'PRIMARY' })).text).toBe('Pending: import into the primary first');
  });

  it('checks that every Region holds the same KeyMaterialId', () => {
    const primary = row({ region: 'us-east-1', role: 'PRIMARY', done: true, keyMaterialId: ID });
    expect(sameMaterial(status([primary, row({ done: true, keyMaterialId: ID })]))).toEqual({
      id: ID,
      identical: true,
      allDone: true,
    });
    expect(sameMaterial(status([primary, row({})]))).toMatchObject({ identical: true, allDone: false });
    expect(sameMaterial(status([primary, row({ keyMaterialId: 'b'.repeat(64) })]))).toMatchObject({
      id: null,
      identical: false,
    });
  });

  it('reads typed Region names, de-duplicated, and names the first AWS would not recognise', () => {
    expect(typedRegions(' eu-west-1, ap-south-1 eu-west-1 ')).toEqual({
      regions: ['eu-west-1', 'ap-south-1'],
      bad: null,
    });
    expect(typedRegions('eu-west-1, EU-WEST-2, eu-west').bad).toBe('EU-WEST-2');
    expect(typedRegions('')).toEqual({ regions: [], bad: null });
  });
});
