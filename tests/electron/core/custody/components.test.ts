import { describe, expect, it } from 'vitest';
import { checkValue, Secret, type KeySpec } from '../../../../electron/core/crypto';
import { AppError } from '../../../../electron/core/errors';
import {
  combineComponents,
  componentFileFormat,
  type ComponentInput,
} from '../../../../electron/core/custody/components';

// The SP 800-38B / RFC 4493 AES-256 example key and the key 00 01 … 1F as two components. No published
// AES-256 KCV (CMAC over 16 zero bytes) exists for them, so the check values were computed with an
// independent implementation, OpenSSL 3.0:  openssl mac -cipher AES-256-CBC -macopt hexkey:<K> -in zero16 CMAC
// and  openssl dgst -sha256 -mac HMAC -macopt hexkey:<K> zero16  (first 3 bytes).
const NIST = '603DEB10 15CA71BE 2B73AEF0 857D7781 1F352C07 3B6108D7 2D9810A3 0914DFF4';
const COUNTING = '0001 0203 0405 0607 0809 0A0B 0C0D 0E0F 1011 1213 1415 1617 1819 1A1B 1C1D 1E1F';
const KCV = { NIST: '1A0B2D', COUNTING: '377822', COMBINED: '8AF970' };
const HMAC_KCV = { NIST: '377F34', COUNTING: 'FF9212', COMBINED: 'DE8F3E' };

const typed = (custodian: string, hex: string, checkValue: string): ComponentInput => ({
  custodian,
  format: 'hex',
  component: Buffer.from(hex),
  checkValue,
});

function error(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('combineComponents', () => {
  it('XORs two AES components checked by their CMAC KCVs into the key with the combined KCV', () => {
    const { material, checkValue, custodians } = combineComponents('SYMMETRIC_DEFAULT', [
      typed('Ada Custodian', NIST, KCV.NIST),
      typed('Bo Custodian', COUNTING.toLowerCase(), '37 78 22'),
    ]);
    expect(checkValue.value).toBe(KCV.COMBINED);
    expect(material.use((k) => k.toString('hex'))).toBe(
      '603ce91311cf77b9237aa4fb8970798e0f243e142f741ec035810ab81509c1eb',
    );
    expect(custodians).toEqual(['Ada Custodian', 'Bo Custodian']);
    material.wipe();
  });

  it('checks HMAC components with the HMAC check value and combines three (order does not matter)', () => {
    const third = '00'.repeat(31) + '01';
    const { checkValue: forward } = combineComponents('HMAC_256', [
      typed('A', NIST, HMAC_KCV.NIST),
      typed('B', COUNTING, HMAC_KCV.COUNTING),
      typed('C', third, checkValueOf('HMAC_256', third)),
    ]);
    const { checkValue: backward } = combineComponents('HMAC_256', [
      typed('C', third, checkValueOf('HMAC_256', third)),
      typed('B', COUNTING, HMAC_KCV.COUNTING),
      typed('A', NIST, HMAC_KCV.NIST),
    ]);
    expect(forward).toEqual(backward);
  });

  it.each([
    ['HMAC_224', 28],
    ['HMAC_384', 48],
    ['HMAC_512', 64],
  ] as const)('%s components are %i bytes', (keySpec, bytes) => {
    const a = 'A5'.repeat(bytes);
    const b = '3C'.repeat(bytes);
    const result = combineComponents(keySpec, [
      typed('A', a, checkValueOf(keySpec, a)),
      typed('B', b, checkValueOf(keySpec, b)),
    ]);
    expect(result.material.length).toBe(bytes);
    const short = error(() =>
      combineComponents(keySpec, [typed('A', a.slice(2), '000000'), typed('B', b, checkValueOf(keySpec, b))]),
    );
    expect(short.message).toBe(
      `A's component: ${bytes - 1} bytes (${(bytes - 1) * 2} hex digits) were entered; this key needs exactly ${bytes} bytes (${bytes * 2} digits).`,
    );
  });

  it('refuses a component whose KCV does not match, naming the custodian, before combining', () => {
    const e = error(() =>
      combineComponents('SYMMETRIC_DEFAULT', [typed('Ada', NIST, KCV.NIST), typed('Bo', COUNTING, KCV.NIST)]),
    );
    expect(e.code).toBe('KCV_MISMATCH');
    expect(e.message).toBe(
      "Bo's component does not match the check value 1A0B2D that Bo brought; the component was not accepted.",
    );
    expect(e.hint).toMatch(/^Bo should compare the groups/);
  });

  it('recognises the legacy AES-ECB KCV and asks for the CMAC one', () => {
    // AES-256-ECB of a zero block under the NIST key, first 3 bytes (openssl enc -aes-256-ecb -nopad).
    const e = error(() =>
      combineComponents('SYMMETRIC_DEFAULT', [
        typed('Ada', NIST, 'E568F6'),
        typed('Bo', COUNTING, KCV.COUNTING),
      ]),
    );
    expect(e.message).toMatch(/legacy AES-ECB KCV/);
  });

  it('names bad hex, odd digits and a wrong-length component', () => {
    expect(
      error(() =>
        combineComponents('SYMMETRIC_DEFAULT', [
          typed('Ada', NIST.replace('0', 'O'), KCV.NIST),
          typed('Bo', COUNTING, KCV.COUNTING),
        ]),
      ).message,
    ).toBe('Ada\'s component: character 2 is not a hex digit (0-9, A-F) ("O").');
    expect(
      error(() =>
        combineComponents('SYMMETRIC_DEFAULT', [
          typed('Ada', NIST + 'F', KCV.NIST),
          typed('Bo', COUNTING, KCV.COUNTING),
        ]),
      ).message,
    ).toBe("Ada's component: 65 hex digits were entered, an odd number (each byte is two digits).");
    expect(
      error(() =>
        combineComponents('SYMMETRIC_DEFAULT', [
          { custodian: 'Ada', format: 'raw', component: Buffer.alloc(31, 1), checkValue: KCV.NIST },
          typed('Bo', COUNTING, KCV.COUNTING),
        ]),
      ).message,
    ).toBe("Ada's component is 31 bytes; SYMMETRIC_DEFAULT components are exactly 32 bytes.");
  });

  it('refuses a malformed check value, one component, ten components, duplicates and asymmetric keys', () => {
    expect(
      error(() =>
        combineComponents('SYMMETRIC_DEFAULT', [
          typed('Ada', NIST, '1A0B'),
          typed('Bo', COUNTING, KCV.COUNTING),
        ]),
      ).code,
    ).toBe('BAD_CHECK_VALUE');
    expect(error(() => combineComponents('SYMMETRIC_DEFAULT', [typed('Ada', NIST, KCV.NIST)])).code).toBe(
      'COMPONENT_COUNT',
    );
    const ten = Array.from({ length: 10 }, (_, i) => typed(`C${i}`, NIST, KCV.NIST));
    expect(error(() => combineComponents('SYMMETRIC_DEFAULT', ten)).code).toBe('COMPONENT_COUNT');
    expect(
      error(() =>
        combineComponents('SYMMETRIC_DEFAULT', [typed('Ada', NIST, KCV.NIST), typed('Bo', NIST, KCV.NIST)]),
      ).message,
    ).toBe("Ada and Bo entered the same component; each custodian's component must be different.");
    expect(
      error(() =>
        combineComponents('SYMMETRIC_DEFAULT', [
          typed('Ada', NIST, KCV.NIST),
          typed(' ADA ', COUNTING, KCV.COUNTING),
        ]),
      ).code,
    ).toBe('DUPLICATE_CUSTODIAN');
    expect(
      error(() =>
        combineComponents('RSA_2048', [typed('Ada', NIST, KCV.NIST), typed('Bo', COUNTING, KCV.COUNTING)]),
      ).code,
    ).toBe('NOT_SPLITTABLE');
  });

  it('reads a component file as raw bytes when it is exactly the key length, else as hex text', () => {
    const raw = Buffer.from(NIST.replace(/ /g, ''), 'hex');
    const text = Buffer.from(`${COUNTING}\n`);
    expect(componentFileFormat('SYMMETRIC_DEFAULT', raw)).toBe('raw');
    expect(componentFileFormat('SYMMETRIC_DEFAULT', text)).toBe('hex');
    const { checkValue } = combineComponents('SYMMETRIC_DEFAULT', [
      {
        custodian: 'Ada',
        format: componentFileFormat('SYMMETRIC_DEFAULT', raw),
        component: raw,
        checkValue: KCV.NIST,
      },
      {
        custodian: 'Bo',
        format: componentFileFormat('SYMMETRIC_DEFAULT', text),
        component: text,
        checkValue: KCV.COUNTING,
      },
    ]);
    expect(checkValue.value).toBe(KCV.COMBINED);
  });

  it('refuses a custodian who holds another role when the policy says so', () => {
    const e = error(() =>
      combineComponents(
        'SYMMETRIC_DEFAULT',
        [typed('Ada Officer', NIST, KCV.NIST), typed('Bo', COUNTING, KCV.COUNTING)],
        [{ name: 'ada officer', role: 'operator' }],
      ),
    );
    expect(e.message).toBe(
      '"Ada Officer" is also the operator; the ceremony\'s policy needs custodians who hold no other role.',
    );
  });

  it('never puts component digits in an error', () => {
    const e = error(() =>
      combineComponents('SYMMETRIC_DEFAULT', [
        typed('Ada', NIST, '000000'),
        typed('Bo', COUNTING, KCV.COUNTING),
      ]),
    );
    const compact = NIST.replace(/ /g, '');
    for (const text of [e.message, e.hint]) {
      expect(text.toUpperCase()).not.toContain(compact.slice(0, 8));
      expect(text.toUpperCase()).not.toContain('603D');
    }
  });
});

function checkValueOf(keySpec: KeySpec, hex: string): string {
  return checkValue(keySpec, Secret.copyOf(Buffer.from(hex.replace(/ /g, ''), 'hex'))).value;
}
