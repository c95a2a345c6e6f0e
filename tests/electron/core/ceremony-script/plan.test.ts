/** Modes from flags, the fields each needs, and the wrapping and expiration a run will use. */
import { describe, expect, it } from 'vitest';
import {
  checkFieldsForMode,
  resolveExpiration,
  resolveWrapping,
  runMode,
} from '../../../../electron/core/ceremony-script/plan';
import { parseCeremonyScript } from '../../../../electron/core/ceremony-script/load';

const online = parseCeremonyScript(
  JSON.stringify({
    ceremony: { operator: 'Ada' },
    target: { emulator: { endpoint: 'http://127.0.0.1:4599' } },
    key: { create: { keySpec: 'ECC_NIST_P521', keyUsage: 'SIGN_VERIFY' } },
    output: 'out',
  }),
  '/s/online.json',
);
const offline = parseCeremonyScript(
  JSON.stringify({ ceremony: { operator: 'Ada' }, station: 'offline', parameters: 'p', output: 'o' }),
  '/s/offline.json',
);
const now = new Date('2026-11-28T12:00:00Z');

describe('run plan', () => {
  it('picks the mode from the station and flags, refusing combinations that make no sense', () => {
    expect(runMode(online, {})).toBe('one-go');
    expect(runMode(online, { until: 'parameters' })).toBe('until-parameters');
    expect(runMode(online, { fromWrappedBundle: '/usb/x-wrapped' })).toBe('from-wrapped-bundle');
    expect(runMode(offline, {})).toBe('offline-wrap');
    expect(() => runMode(offline, { until: 'parameters' })).toThrow(
      /for the online station, but this script says station: offline/,
    );
    expect(() => runMode(online, { until: 'parameters', fromWrappedBundle: 'x' })).toThrow(/give one/);
  });

  it('asks for the fields a mode needs and notes the ones it ignores', () => {
    expect(() => checkFieldsForMode(online, 'one-go')).toThrow(
      expect.objectContaining({
        code: 'SCRIPT_INVALID',
        message: expect.stringMatching(
          /material: missing; write material: \{ generate: true \}[\s\S]*expiration: missing/,
        ),
      }),
    );
    expect(checkFieldsForMode(online, 'until-parameters').notes).toEqual([]);
    const withExpiry = { ...online, expiration: { validForDays: 10 } };
    expect(checkFieldsForMode(withExpiry, 'until-parameters').notes).toEqual([
      expect.stringMatching(/^expiration: not used by this half/),
    ]);
    expect(() => checkFieldsForMode(offline, 'offline-wrap')).toThrow(/material: missing/);
  });

  it('notes fingerprint: as unused only on the online halves of an air gap (one go confirms it here)', () => {
    const complete = {
      ...online,
      fingerprint: { witness: 'Wes' },
      material: { generate: true },
      expiration: { validForDays: 10 },
    } as typeof online;
    expect(checkFieldsForMode(complete, 'one-go').notes).toEqual([]);
    expect(checkFieldsForMode(complete, 'until-parameters').notes).toContainEqual(
      expect.stringMatching(/^fingerprint: used by the offline station only/),
    );
  });

  it('takes the recommended wrapping part by part, and refuses a combination KMS refuses', () => {
    expect(resolveWrapping('RSA_4096', undefined)).toEqual({
      wrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
      wrappingKeySpec: 'RSA_4096',
      recommended: true,
    });
    expect(resolveWrapping('HMAC_256', { keySpec: 'RSA_2048' })).toEqual({
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      wrappingKeySpec: 'RSA_2048',
      recommended: false,
    });
    expect(() =>
      resolveWrapping('ECC_NIST_P521', { algorithm: 'RSAES_OAEP_SHA_256', keySpec: 'RSA_2048' }),
    ).toThrow(
      expect.objectContaining({
        code: 'INCOMPATIBLE',
        hint: expect.stringMatching(/Allowed for ECC_NIST_P521: .*RSAES_OAEP_SHA_256\/RSA_3072/),
      }),
    );
  });

  it('counts validForDays from the KMS clock and holds validTo to the 365-day window', () => {
    expect(resolveExpiration({ validForDays: 365 }, now)).toEqual({
      expirationModel: 'KEY_MATERIAL_EXPIRES',
      validTo: '2027-11-28T12:00:00.000Z',
    });
    expect(resolveExpiration({ doesNotExpire: { justification: 'escrowed' } }, now)).toEqual({
      expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      justification: 'escrowed',
    });
    expect(() => resolveExpiration({ validTo: '2026-11-28T11:59:59Z' }, now)).toThrow(
      /^expiration: .*not in the future/,
    );
    expect(() => resolveExpiration({ validTo: '2027-11-28T12:00:01Z' }, now)).toThrow(
      /more than 365 days ahead/,
    );
  });
});
