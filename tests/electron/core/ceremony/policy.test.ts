/** The ceremony policy table: every role rule, every precondition, every guard, and what is written at start. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/core/errors';
import {
  ACTIONS,
  checkRoles,
  deleteMaterialQuestion,
  enforce,
  evaluateAction,
  evaluatePolicy,
  findWitness,
  KMS_READS,
  personKey,
  policyInForce,
  type PolicyFacts,
} from '../../../../electron/core/ceremony/policy';

const roles = { operator: 'Ada Officer', witnesses: ['Wes Witness', 'Łukasz Dvořák'], approvals: 2 };
/** Everything in place for every action; each test takes one fact away. */
const ready: PolicyFacts = {
  roles,
  hasKey: true,
  selectedKey: { keyId: 'k-1', arn: 'arn:aws:kms:eu-west-1:111122223333:key/k-1' },
  requestedKeyId: null,
  hasParameters: true,
  keysCreated: 0,
  materialCheckValue: null,
  wrapped: true,
  fingerprintConfirmedBy: ['Wes Witness'],
  approvedBy: ['Wes Witness', 'Łukasz Dvořák'],
  importedCheckValue: null,
  lockedKey: null,
  rotationApprovedBy: ['Wes Witness', 'Łukasz Dvořák'],
  multiRegion: { primaryRegion: 'eu-west-1', current: 'eu-west-1' },
};

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).hint).not.toBe('');
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('roles', () => {
  it('normalises names: trimmed, inner spaces collapsed, case-folded, Unicode NFC', () => {
    expect(personKey('  Sam   Solo ')).toBe(personKey('sam solo'));
    expect(personKey('Dvor\u030Cák')).toBe(personKey('DVOŘÁK')); // decomposed ř vs composed, any case
    expect(personKey('Strauß')).toBe(personKey('STRAUSS'));
    expect(personKey('李雷')).toBe('李雷');
  });

  it('accepts an operator and distinct witnesses; the quorum defaults to every witness', () => {
    expect(checkRoles({ operator: ' Ada  Officer ', witnesses: ['Wes', '李雷'] })).toEqual({
      operator: 'Ada Officer',
      witnesses: ['Wes', '李雷'],
      approvals: 2,
    });
    expect(checkRoles({ operator: 'Ada', witnesses: ['Wes', 'Vic'], approvals: 1 }).approvals).toBe(1);
  });

  it.each([
    [{ operator: '  ', witnesses: ['Wes'] }, /No operator/],
    [{ operator: 'Ada', witnesses: [] }, /at least one witness/],
    [{ operator: 'Ada', witnesses: ['Wes', ' '] }, /every witness line/],
    [{ operator: 'Sam Solo', witnesses: ['sam solo'] }, /also named as witness “sam solo”/],
    [{ operator: 'Ada', witnesses: ['Wes Witness', 'WES  witness'] }, /name the same person/],
    [{ operator: 'Ada', witnesses: ['Dvořák', 'Dvor\u030Cák'] }, /name the same person/],
    [{ operator: 'Ada', witnesses: ['Wes'], approvals: 2 }, /needs 2 approvals, but 1 witness/],
    [{ operator: 'Ada', witnesses: ['Wes'], approvals: 0 }, /needs 0 approvals/],
  ])('refuses %j', (req, message) => {
    const e = refusal(() => checkRoles(req));
    expect(e.code).toBe('ROLES_INVALID');
    expect(e.message).toMatch(message);
  });

  it('finds a witness by any spelling of their name, never the operator', () => {
    expect(findWitness(roles, ' wes WITNESS')).toBe('Wes Witness');
    expect(findWitness(roles, 'Ada Officer')).toBeNull();
  });
});

describe('preconditions', () => {
  it('allows every action when its preconditions hold', () => {
    for (const verdict of Object.values(evaluatePolicy(ready)))
      expect(verdict).toEqual({ allowed: true, confirm: null });
  });

  it.each([
    [
      'no ceremony',
      { roles: null },
      Object.keys(ACTIONS).filter((a) => a !== 'key.select'), // selecting (a DescribeKey read) is free
      'NO_CEREMONY',
    ],
    [
      'no key',
      { hasKey: false, selectedKey: null },
      [
        'key.enable',
        'key.disable',
        'parameters.get',
        'material.generate',
        'material.load',
        'wrap',
        'verify',
        'material.delete',
        'material.components',
        'material.backup',
        'material.restore',
        'rotation.begin',
        'rotation.approve',
        'rotation.rotate',
        'region.replicate',
        'region.select',
      ],
      'NO_KEY',
    ],
    [
      'another key named',
      { requestedKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/victim' },
      [
        'key.enable',
        'key.disable',
        'verify',
        'material.delete',
        'rotation.begin',
        'rotation.rotate',
        'region.replicate',
      ],
      'NOT_CEREMONY_KEY',
    ],
    ['a single-Region key', { multiRegion: null }, ['region.replicate', 'region.select'], 'NOT_MULTI_REGION'],
    [
      'working in a replica Region',
      { multiRegion: { primaryRegion: 'eu-west-1', current: 'ap-southeast-2' } },
      // A multi-Region key is rotated on its primary (spec §4.4 step 6).
      ['region.replicate', 'rotation.begin', 'rotation.approve', 'rotation.rotate'],
      'NOT_PRIMARY_REGION',
    ],
    ['no parameters', { hasParameters: false }, ['wrap'], 'NO_PARAMETERS'],
    ['fingerprint not confirmed', { fingerprintConfirmedBy: [] }, ['wrap'], 'FINGERPRINT_NOT_CONFIRMED'],
    ['nothing wrapped', { wrapped: false }, ['import.approve', 'import'], 'NOT_WRAPPED'],
    ['one approval of two', { approvedBy: ['Wes Witness'] }, ['import'], 'IMPORT_NOT_APPROVED'],
    [
      'one rotation approval of two',
      { rotationApprovedBy: ['Wes Witness'] },
      ['rotation.rotate'],
      'ROTATION_NOT_APPROVED',
    ],
  ] as [string, Partial<PolicyFacts>, string[], string][])(
    '%s: refuses exactly %s',
    (_, change, refused, code) => {
      const verdicts = evaluatePolicy({ ...ready, ...change });
      for (const [action, verdict] of Object.entries(verdicts)) {
        if (refused.includes(action)) {
          expect(verdict, action).toMatchObject({ allowed: false, code });
          expect(() => enforce({ ...ready, ...change }, action as keyof typeof ACTIONS)).toThrow(AppError);
        } else expect(verdict.allowed, action).toBe(true);
      }
    },
  );

  it('says why Wrap is unavailable when no witness confirmed the fingerprint', () => {
    const verdict = evaluateAction({ ...ready, fingerprintConfirmedBy: [] }, 'wrap');
    expect(verdict).toMatchObject({
      allowed: false,
      message: expect.stringMatching(/No witness has confirmed/),
    });
  });

  it('names who approved and how many approvals are missing', () => {
    const e = refusal(() => enforce({ ...ready, approvedBy: ['Wes Witness'] }, 'import'));
    expect(e.message).toMatch(/1 of the 2 witness approvals .*approved by Wes Witness/);
    expect(
      enforce({ ...ready, roles: { ...roles, approvals: 1 }, approvedBy: ['Wes Witness'] }, 'import'),
    ).toBeNull();
  });
});

describe('KMS actions (column kms)', () => {
  it('every action that calls KMS needs an open ceremony, and says which operation in its refusal', () => {
    const kms = Object.entries(ACTIONS).filter(([, row]) => row.kms !== null);
    expect(kms.map(([, row]) => row.kms).sort()).toEqual([
      'CreateKey',
      'DeleteImportedKeyMaterial',
      'DisableKey',
      'EnableKey',
      'GetParametersForImport',
      'ImportKeyMaterial',
      'ImportKeyMaterial', // verify: the symmetric proof reimports the material
      'ReplicateKey',
      'RotateKeyOnDemand',
    ]);
    for (const [action, row] of kms) {
      const e = refusal(() => enforce({ ...ready, roles: null }, action as keyof typeof ACTIONS));
      expect(e.code).toBe('NO_CEREMONY');
      expect(e.message).toContain(`${row.kms} changes KMS state`);
      expect(e.hint).toMatch(/Nothing was sent to KMS/);
    }
    expect(KMS_READS).toEqual(['ListKeys', 'ListAliases', 'DescribeKey']);
  });

  it('acts only on the ceremony’s key, named by key id or ARN', () => {
    const arn = ready.selectedKey!.arn;
    expect(enforce({ ...ready, requestedKeyId: 'k-1' }, 'material.delete')).toBeNull();
    expect(enforce({ ...ready, requestedKeyId: arn }, 'key.disable')).toBeNull();
    const e = refusal(() => enforce({ ...ready, requestedKeyId: 'alias/victim' }, 'material.delete'));
    expect(e.code).toBe('NOT_CEREMONY_KEY');
    expect(e.message).toMatch(/DeleteImportedKeyMaterial was asked for key alias\/victim/);
    expect(e.message).toContain(arn);
  });

  it('once the ceremony changed its key in KMS, selecting another key is refused; the locked one is not', () => {
    const lockedKey = ready.selectedKey!;
    const victim = 'arn:aws:kms:eu-west-1:111122223333:key/victim';
    expect(enforce({ ...ready, requestedKeyId: victim }, 'key.select')).toBeNull(); // nothing changed yet
    const e = refusal(() => enforce({ ...ready, lockedKey, requestedKeyId: victim }, 'key.select'));
    expect(e.code).toBe('KEY_LOCKED');
    expect(e.message).toContain(`already changed key ${lockedKey.arn} in KMS`);
    expect(e.message).toContain(`${victim} cannot be selected`);
    expect(e.hint).toMatch(/start a new ceremony/);
    expect(enforce({ ...ready, lockedKey, requestedKeyId: lockedKey.keyId }, 'key.select')).toBeNull();
    expect(enforce({ ...ready, lockedKey, requestedKeyId: lockedKey.arn }, 'key.select')).toBeNull();
  });

  it('only DeleteImportedKeyMaterial and ReplicateKey are confirmed natively by main', () => {
    const native = Object.entries(ACTIONS).filter(([, row]) => row.nativeConfirmation);
    expect(native.map(([id]) => id)).toEqual(['material.delete', 'region.replicate']);
    expect(deleteMaterialQuestion({ arn: 'arn:k', aliases: ['alias/a'] })).toMatchObject({
      message: expect.stringContaining('arn:k'),
      detail: expect.stringContaining('alias/a'),
    });
  });
});

describe('guards: nothing replaced silently', () => {
  it.each([
    ['key.create', { keysCreated: 1 }, 'create-another-key', 'KEY_ALREADY_CREATED'],
    ['material.generate', { materialCheckValue: 'ABC123' }, 'replace-material', 'MATERIAL_EXISTS'],
    ['material.load', { materialCheckValue: 'ABC123' }, 'replace-material', 'MATERIAL_EXISTS'],
    ['material.components', { materialCheckValue: 'ABC123' }, 'replace-material', 'MATERIAL_EXISTS'],
    ['material.restore', { materialCheckValue: 'ABC123' }, 'replace-material', 'MATERIAL_EXISTS'],
    ['import', { importedCheckValue: 'ABC123' }, 'reimport', 'ALREADY_IMPORTED'],
  ] as const)('%s needs a confirmation once %j', (action, change, guard, code) => {
    const facts = { ...ready, ...change };
    expect(evaluateAction(facts, action)).toMatchObject({ allowed: true, confirm: { guard } });
    expect(refusal(() => enforce(facts, action)).code).toBe(code);
    expect(refusal(() => enforce(facts, action, { confirmed: false })).code).toBe(code);
    if (guard === 'create-another-key') {
      expect(refusal(() => enforce(facts, action, { confirmed: true, reason: ' ' })).code).toBe(
        'REASON_REQUIRED',
      );
      expect(enforce(facts, action, { confirmed: true, reason: 'second key for DR Region' })).toBe(guard);
    } else expect(enforce(facts, action, { confirmed: true })).toBe(guard);
    // Without the fact, no confirmation is asked for.
    expect(enforce(ready, action)).toBeNull();
  });
});

describe('the policy in force', () => {
  it('lists the roles, their rules, the quorum and each action’s preconditions', () => {
    const written = policyInForce(roles);
    expect(written).toMatchObject({
      roles: { operator: 'Ada Officer', witnesses: ['Wes Witness', 'Łukasz Dvořák'] },
      quorum: '2 of 2 witness(es) approve the import',
    });
    const actions = written.actions as Record<string, string[]>;
    expect(actions.wrap).toContain(
      'A witness has confirmed the wrapping public key fingerprint on this station.',
    );
    expect(actions.import!.join(' ')).toMatch(/quorum of witnesses approved/);
    expect(actions['material.delete']).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/selected key/),
        expect.stringMatching(/natively/),
        'Calls KMS DeleteImportedKeyMaterial; the intent is recorded before the call.',
      ]),
    );
    expect(JSON.parse(JSON.stringify(written))).toEqual(written);
  });
});
