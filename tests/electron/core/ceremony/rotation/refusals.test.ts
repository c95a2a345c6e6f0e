/**
 * The rotation refusal table (refusals.ts): an interrupted multi-Region rotation leaves the new material on
 * the primary as PENDING_MULTI_REGION_IMPORT_AND_ROTATION (spec §4.4 step 6). Rotating to it is then not
 * possible (KMS refuses until every replica holds it), so the refusal must not suggest it.
 */
import { describe, expect, it } from 'vitest';
import { rotationRefusal, type RotationFacts } from '../../../../../electron/core/ceremony/rotation/refusals';

const facts = (keyMaterialState: string): RotationFacts => ({
  keyArn: 'arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab',
  keySpec: 'SYMMETRIC_DEFAULT',
  keyState: 'Enabled',
  origin: 'EXTERNAL',
  multiRegionType: 'PRIMARY',
  primaryRegion: 'us-east-1',
  rotationStartedAt: null,
  materials: [
    {
      keyMaterialId: 'a'.repeat(64),
      description: null,
      importState: 'IMPORTED',
      keyMaterialState: 'CURRENT',
      expirationModel: null,
      validTo: null,
      rotationDate: null,
      rotationType: null,
    },
    {
      keyMaterialId: 'b'.repeat(64),
      description: null,
      importState: 'IMPORTED',
      keyMaterialState,
      expirationModel: null,
      validTo: null,
      rotationDate: null,
      rotationType: null,
    },
  ],
});

describe('rotation refusals at the start', () => {
  it('a multi-Region rotation interrupted before every replica had the new material: finish the replicas, or delete it', () => {
    const e = rotationRefusal(facts('PENDING_MULTI_REGION_IMPORT_AND_ROTATION'), 'start')!;
    expect(e.code).toBe('ROTATION_REPLICAS_PENDING');
    expect(e.message).toContain(`Material ${'b'.repeat(64)}`);
    expect(e.message).toContain('not yet in every replica');
    expect(e.hint).not.toMatch(/^Rotate to the waiting material/);
    expect(e.hint).toContain('each replica Region');
    expect(e.hint).toContain('delete it on the primary');
  });

  it('material pending for a single-Region key (or imported everywhere): rotate to it or delete it', () => {
    const e = rotationRefusal(facts('PENDING_ROTATION'), 'start')!;
    expect(e.code).toBe('ROTATION_ALREADY_PENDING');
    expect(e.hint).toMatch(/^Rotate to the waiting material/);
  });
});
