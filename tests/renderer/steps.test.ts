import { describe, expect, it } from 'vitest';
import { EMPTY_SESSION, STEPS, reachable, resumeStep, stepsFor } from '../../renderer/src/steps';
import { connection, material, parameters, symmetricKey, wrapped } from './fake-api';

const at = {
  connected: { ...EMPTY_SESSION, connection },
  keyed: { ...EMPTY_SESSION, connection, key: symmetricKey },
  parameters: { ...EMPTY_SESSION, connection, key: symmetricKey, parameters },
  material: { ...EMPTY_SESSION, connection, key: symmetricKey, parameters, material },
  wrapped: { ...EMPTY_SESSION, connection, key: symmetricKey, parameters, material, wrapped },
};

describe('steps', () => {
  it('uses the names of the AWS flow, in order', () => {
    expect(STEPS.map((s) => s.label)).toEqual([
      'Connect',
      'Key',
      'Import parameters',
      'Key material',
      'Wrap',
      'Import',
      'Verify',
      'Finish',
    ]);
  });

  it('resumes on the step after the last finished one', () => {
    expect(resumeStep(EMPTY_SESSION)).toBe('connect');
    expect(resumeStep(at.connected)).toBe('key');
    expect(resumeStep(at.keyed)).toBe('parameters');
    expect(resumeStep(at.parameters)).toBe('material');
    expect(resumeStep(at.material)).toBe('wrap');
    expect(resumeStep(at.wrapped)).toBe('import');
  });

  it('stays on Key when the chosen key cannot take imported material', () => {
    const aws = {
      ...symmetricKey,
      origin: 'AWS_KMS',
      importability: { mode: 'none' as const, explanation: 'no' },
    };
    const s = { ...at.connected, key: aws };
    expect(resumeStep(s)).toBe('key');
    expect(reachable('parameters', s)).toBe(false);
  });

  it('opens a step only when every earlier step has what it needs', () => {
    expect(reachable('wrap', at.parameters)).toBe(false);
    expect(reachable('wrap', at.material)).toBe(true);
    // Material without a connection (impossible in main, but the rule must not be fooled).
    expect(reachable('wrap', { ...at.material, connection: null })).toBe(false);
    expect(reachable('verify', at.wrapped)).toBe(false);
  });

  it('opens Finish only after a passed proof (a failed one ends with Abort), and resumes there', () => {
    const imported = {
      keyId: 'k',
      keyState: 'Enabled',
      expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      validTo: null,
      keyMaterialId: null,
      importedAt: '2026-01-01T00:00:00.000Z',
    };
    const proof = (passed: boolean) => ({
      ...at.wrapped,
      imported,
      verification: { method: 'm', passed, keyMaterialId: null, checks: [] },
    });
    expect(reachable('finish', proof(false))).toBe(false);
    expect(resumeStep(proof(false))).toBe('verify');
    expect(reachable('finish', proof(true))).toBe(true);
    expect(resumeStep(proof(true))).toBe('finish');
  });
});

describe('steps of a rotation (issue 13)', () => {
  const rotation = {
    keyArn: symmetricKey.arn,
    begunAt: '2026-11-30T07:00:00.000Z',
    fromKeyMaterialId: 'a'.repeat(64),
    stagedKeyMaterialId: null,
    approval: null,
    started: null,
    completedAt: null,
    provenStatements: null,
  };
  const imported = {
    keyId: symmetricKey.keyId,
    keyState: 'Enabled',
    expirationModel: 'KEY_MATERIAL_EXPIRES',
    validTo: '2027-06-30T00:00:00.000Z',
    keyMaterialId: 'b'.repeat(64),
    importedAt: '2026-11-30T07:10:00.000Z',
  };
  const rotating = { ...at.wrapped, rotation };

  it('replaces Verify with Rotate once main says the ceremony rotates its key', () => {
    expect(stepsFor(at.wrapped).map((s) => s.id)).toContain('verify');
    expect(stepsFor(rotating).map((s) => s.label)).toEqual([
      'Connect',
      'Key',
      'Import parameters',
      'Key material',
      'Wrap',
      'Import',
      'Rotate',
      'Finish',
    ]);
  });

  it('opens Rotate after the NEW material is imported, and Finish only once the rotation is proven', () => {
    expect(reachable('rotate', rotating)).toBe(false);
    const staged = { ...rotating, imported };
    expect(reachable('rotate', staged)).toBe(true);
    expect(resumeStep(staged)).toBe('rotate');
    expect(reachable('finish', staged)).toBe(false);
    const proven = { ...staged, rotation: { ...rotation, provenStatements: ['proven'] } };
    expect(reachable('finish', proven)).toBe(true);
    expect(resumeStep(proven)).toBe('finish');
  });

  it('keeps Rotate open in a multi-Region rotation whose material is staged, while another Region has no parameters yet', () => {
    const multiRegion = { keyId: 'mrk-1', primaryRegion: 'us-east-1', current: 'eu-west-1' };
    // Switching Region cleared the parameters, wrap and import (they are that Region's own).
    const elsewhere = {
      ...at.keyed,
      multiRegion,
      rotation: { ...rotation, stagedKeyMaterialId: 'b'.repeat(64) },
    };
    expect(reachable('import', elsewhere)).toBe(false);
    expect(reachable('rotate', elsewhere)).toBe(true);
    expect(resumeStep(elsewhere)).toBe('rotate');
    expect(reachable('finish', elsewhere)).toBe(false);
    const proven = { ...elsewhere, rotation: { ...elsewhere.rotation, provenStatements: ['proven'] } };
    expect(reachable('finish', proven)).toBe(true);
    // Not staged yet: Rotate waits for the primary's import, as for a single-Region key.
    expect(reachable('rotate', { ...elsewhere, rotation })).toBe(false);
  });
});
