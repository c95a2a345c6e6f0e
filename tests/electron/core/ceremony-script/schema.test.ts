/** The script schema: every mistake named by its field with what to write instead; examples parse. */
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { loadCeremonyScript, parseCeremonyScript } from '../../../../electron/core/ceremony-script/load';
import { AppError } from '../../../../electron/core/errors';
import { tempDir } from './helpers';

const tmp = tempDir('script-schema');
afterAll(() => tmp.cleanup());

const base = {
  ceremony: { operator: 'Ada Officer', witnesses: ['Wes Witness'] },
  target: { emulator: { endpoint: 'http://127.0.0.1:4599' } },
  key: { create: { keySpec: 'SYMMETRIC_DEFAULT' } },
  material: { generate: true },
  expiration: { validForDays: 90 },
  output: './out',
};

function problems(script: unknown): string[] {
  try {
    parseCeremonyScript(JSON.stringify(script), '/scripts/ceremony.json');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.hint).toMatch(/examples\/symmetric-rehearsal\.yaml/);
    return e.message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^\s+- /, ''));
  }
  throw new Error('expected the script to be refused');
}

describe('ceremony script schema', () => {
  it('accepts a complete script, fills the defaults and resolves paths against the script folder', () => {
    const script = parseCeremonyScript(
      JSON.stringify({ ...base, material: { file: 'keys/k.hex', format: 'hex' } }),
      '/scripts/ceremony.json',
    );
    expect(script.station).toBe('online');
    expect(script.output).toBe('/scripts/out');
    expect(script.material).toEqual({ file: '/scripts/keys/k.hex', format: 'hex' });
  });

  it.each([
    [{ ...base, ceremony: { witnesses: [] } }, /^ceremony\.operator: missing; write the lead officer's name/],
    [
      { ...base, ceremony: { ...base.ceremony, witnesses: [7] } },
      /^ceremony\.witnesses\[0\]: write a witness's name as text/,
    ],
    [
      { ...base, target: { emulator: { endpont: 'x' } } },
      /^target\.emulator: unknown field "endpont"; the fields here are: endpoint, region/,
    ],
    [{ ...base, target: {} }, /^target: give one of emulator, aws; write target: \{ emulator:/],
    [
      { ...base, target: { emulator: { endpoint: 'http://h' }, aws: { region: 'eu-west-1' } } },
      /^target: give only one of emulator, aws/,
    ],
    [
      { ...base, key: { create: { keySpec: 'HMAC_1024' } } },
      /^key\.create\.keySpec: "HMAC_1024" is not an importable key spec; write one of SYMMETRIC_DEFAULT/,
    ],
    [
      { ...base, key: { create: { keySpec: 'RSA_2048' } } },
      /^key\.create\.keyUsage: missing; RSA_2048 keys can be ENCRYPT_DECRYPT or SIGN_VERIFY: write keyUsage: ENCRYPT_DECRYPT/,
    ],
    [
      { ...base, key: { create: { keySpec: 'HMAC_256', keyUsage: 'SIGN_VERIFY' } } },
      /^key\.create\.keyUsage: HMAC_256 keys cannot have usage SIGN_VERIFY; write keyUsage: GENERATE_VERIFY_MAC/,
    ],
    [
      { ...base, key: { id: 'alias/a', create: { keySpec: 'HMAC_256' } } },
      /^key: give id: \(an existing key\) or create: \(a new one\), not both/,
    ],
    [
      { ...base, wrapping: { algorithm: 'RSAES_PKCS1_V1_5' } },
      /^wrapping\.algorithm: "RSAES_PKCS1_V1_5" is not a wrapping algorithm; write one of RSAES_OAEP_SHA_1/,
    ],
    [{ ...base, material: { format: 'hex' } }, /^material: give one of generate, file/],
    [
      { ...base, material: { generate: true, passphraseFile: 'p' } },
      /^material\.passphraseFile: only with file:/,
    ],
    [
      { ...base, expiration: { validForDays: 400 } },
      /^expiration\.validForDays: KMS allows at most 365 days; write 365 or fewer/,
    ],
    [
      { ...base, expiration: { validTo: '30 June 2027' } },
      /^expiration\.validTo: write an ISO 8601 time with its zone, e.g. validTo: 2027-06-30T00:00:00Z/,
    ],
    [
      { ...base, expiration: { doesNotExpire: {} } },
      /^expiration\.doesNotExpire\.justification: missing; write why this key material must not expire/,
    ],
    [
      { ...base, station: 'airgapped' },
      /^station: "airgapped" is not a station; write one of online, offline/,
    ],
    [{ ...base, parameters: './p' }, /^parameters: only for station: offline/],
    [{ ...base, target: undefined }, /^target: missing; write target: \{ emulator:/],
    [
      { ...base, station: 'offline', key: undefined, target: undefined },
      /^parameters: missing; the offline station starts from the parameters bundle/,
    ],
    [
      { ...base, outptu: './x' },
      /^\(the whole script\): unknown field "outptu"; the fields here are: ceremony, station, target, key/,
    ],
  ])('names the field and what to write: %#', (script, expected) => {
    expect(problems(script)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it('reports every problem at once, nested and cross-field alike', () => {
    const found = problems({
      ceremony: { witnesses: [] },
      station: 'offline',
      target: { aws: { region: 'eu-west-1' } },
      expiration: { validForDays: 0 },
      output: 'out',
    });
    expect(found.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['ceremony.operator', 'expiration.validForDays', 'parameters', 'target']),
    );
  });

  it('points at the line of a YAML syntax error, and at a missing file', async () => {
    expect(() => parseCeremonyScript('ceremony: [\n  operator: x', '/s.yaml')).toThrow(
      expect.objectContaining({ code: 'SCRIPT_SYNTAX', message: expect.stringMatching(/line \d+/) }),
    );
    await expect(loadCeremonyScript(tmp.at('nope.yaml'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads the example scripts shipped in examples/', async () => {
    const examples = path.resolve(__dirname, '../../../../examples');
    for (const name of ['symmetric-rehearsal.yaml', 'air-gap-online.yaml', 'air-gap-offline.yaml']) {
      const { script } = await loadCeremonyScript(path.join(examples, name));
      expect(script.ceremony.operator).toBe('Ada Officer');
      expect(path.isAbsolute(script.output)).toBe(true);
    }
  });

  it('reads JSON as well as YAML', async () => {
    const file = tmp.at('c.json');
    writeFileSync(file, JSON.stringify(base));
    const { script } = await loadCeremonyScript(file);
    expect(script.output).toBe(tmp.at('out'));
  });

  it('target.aws.endpoints: Regions as AWS names them, URLs, and the target Region only through endpoint', () => {
    expect(
      problems({
        ...base,
        target: {
          aws: {
            region: 'us-east-1',
            endpoint: 'https://kms.corp.example',
            endpoints: {
              'us-east-1': 'https://other.corp.example',
              'EU-WEST-1': 'https://x.example',
              'eu-west-2': 'nope',
            },
          },
        },
      }),
    ).toEqual([
      'target.aws.endpoints.EU-WEST-1: name each Region as AWS names it, e.g. endpoints: { us-west-2: https://… }',
      'target.aws.endpoints.eu-west-2: write a URL, e.g. us-west-2: https://kms.us-west-2.amazonaws.com',
      "target.aws.endpoints.us-east-1: us-east-1 is the target's own Region, whose endpoint is target.aws.endpoint; remove it here",
    ]);
  });
});
