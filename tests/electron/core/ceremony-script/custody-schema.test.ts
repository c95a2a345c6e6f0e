/** The custody keys of a ceremony script (issue 11): components, backup and reimport from shares. */
import { describe, expect, it } from 'vitest';
import { parseCeremonyScript } from '../../../../electron/core/ceremony-script/load';
import { checkFieldsForMode } from '../../../../electron/core/ceremony-script/plan';
import { AppError } from '../../../../electron/core/errors';

const RECIPIENT = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
const base = {
  ceremony: { operator: 'Ada Officer' },
  target: { emulator: { endpoint: 'http://127.0.0.1:4599' } },
  key: { create: { keySpec: 'HMAC_256' } },
  expiration: { validForDays: 1 },
  output: './out',
};
const components = [
  { custodian: 'Carol', file: '/media/carol/c.hex', checkValue: '8A3F1C' },
  { custodian: 'Dave', file: '/media/dave/c.hex', checkValue: '8a 3f 1d' },
  { custodian: 'Erin', file: '/media/erin/c.hex', checkValue: '000000' },
];
const backup = {
  threshold: 2,
  shares: [
    { custodian: 'Carol', recipient: RECIPIENT },
    { custodian: 'Dave', passphraseFile: './dave.pass' },
    { custodian: 'Erin', sheet: true },
  ],
};

const parse = (script: unknown) => parseCeremonyScript(JSON.stringify(script), '/scripts/c.json');

function problems(script: unknown): string[] {
  try {
    parse(script);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^\s+- /, ''));
  }
  throw new Error('expected the script to be refused');
}

describe('ceremony script custody keys', () => {
  it('accepts components, a backup, and a reimport from shares', () => {
    expect(parse({ ...base, material: { components }, backup }).backup?.shares).toHaveLength(3);
    const shares = [
      { sheet: './carol.txt' },
      { custodian: 'Dave', age: './dave.age', identity: './dave.key' },
    ];
    expect(parse({ ...base, material: { shares } }).material?.shares).toEqual([
      { sheet: '/scripts/carol.txt' },
      { custodian: 'Dave', age: '/scripts/dave.age', identity: '/scripts/dave.key' },
    ]);
  });

  it('resolves relative custody paths against the script folder', () => {
    const script = parse({ ...base, material: { components }, backup });
    expect(script.backup?.shares).toEqual([
      { custodian: 'Carol', recipient: RECIPIENT },
      { custodian: 'Dave', passphraseFile: '/scripts/dave.pass' },
      { custodian: 'Erin', sheet: true },
    ]);
    expect(script.material?.components?.[0]?.file).toBe('/media/carol/c.hex');
  });

  it.each([
    [
      { material: { components: components.slice(0, 1) } },
      'material.components: list at least 2 components, one per custodian; write - { custodian: Ada, file: …, checkValue: … }',
    ],
    [
      { material: { components: [...components, ...components, ...components, components[0]] } },
      'material.components: list at most 9 components, one per custodian',
    ],
    [
      { material: { components: [components[0], { ...components[1], custodian: ' carol ' }] } },
      'material.components[1].custodian: "carol" is already custodian of item 1; each part needs a different person',
    ],
    [
      { material: { components: [components[0], { ...components[1], checkValue: '8A3F' }] } },
      'material.components[1].checkValue: write the 6 hex digits of the component check value, e.g. 8A3F1C',
    ],
    [
      { material: { components: [components[0], { custodian: 'Dave', checkValue: '8A3F1C' }] } },
      "material.components[1].file: missing; write the path of the custodian's component file (hex or raw bytes), e.g. file: /media/ada/component.hex",
    ],
    [{ material: { generate: true, components } }, /^material: give only one of generate, components/],
    [
      { material: { generate: true }, backup: { ...backup, threshold: 4 } },
      'backup.threshold: 4 shares cannot be needed when only 3 are made; write a threshold of at most 3',
    ],
    [
      { material: { generate: true }, backup: { ...backup, threshold: 1 } },
      'backup.threshold: write at least 2: one share alone must never rebuild the material',
    ],
    [
      {
        material: { generate: true },
        backup: { ...backup, shares: [{ custodian: 'Carol', recipient: 'age1xyz' }, backup.shares[1]] },
      },
      'backup.shares[0].recipient: write an age public key as age-keygen prints it (age1…)',
    ],
    [
      {
        material: { generate: true },
        backup: {
          ...backup,
          shares: [{ custodian: 'Carol', sheet: true, recipient: RECIPIENT }, backup.shares[1]],
        },
      },
      /^backup\.shares\[0\]: give only one of recipient, sheet/,
    ],
    [
      {
        material: { generate: true },
        backup: { ...backup, shares: [backup.shares[0], { ...backup.shares[1], custodian: 'CAROL' }] },
      },
      'backup.shares[1].custodian: "CAROL" is already custodian of item 1; each part needs a different person',
    ],
    [
      { material: { shares: [{ age: './d.age' }, { sheet: './c.txt' }] } },
      /^material\.shares\[0\]: give one of identity, passphraseFile/,
    ],
    [
      { material: { shares: [{ sheet: './c.txt', identity: './k' }, { sheet: './d.txt' }] } },
      'material.shares[0]: identity: and passphraseFile: open an age: file; remove them or give age:',
    ],
    [
      { key: { create: { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' } }, material: { components } },
      /^material\.components: RSA_2048 keys are not entered as components/,
    ],
  ])('%#: names the field and what to write', (patch, expected) => {
    const found = problems({ ...base, ...patch });
    if (typeof expected === 'string') expect(found).toContain(expected);
    else expect(found.some((p) => expected.test(p))).toBe(true);
  });

  it('kms-ceremony run carries the custody keys out where material is taken, and notes a backup elsewhere', () => {
    const script = parse({ ...base, material: { components }, backup });
    expect(checkFieldsForMode(script, 'one-go').notes).toEqual([]);
    expect(checkFieldsForMode(script, 'until-parameters').notes).toContain(
      'backup: not used by this half of the ceremony (the station that takes the material makes it).',
    );
  });
});
