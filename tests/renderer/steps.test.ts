import { describe, expect, it } from 'vitest';
import { EMPTY_SESSION, STEPS, reachable, resumeStep } from '../../renderer/src/steps';
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
});
