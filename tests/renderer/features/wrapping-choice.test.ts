import { describe, expect, it } from 'vitest';
import {
  algorithmOptions,
  fitSpec,
  keySpecOptions,
} from '../../../renderer/src/features/parameters/wrapping-choice';
import { symmetricKey } from '../fake-api';

const rows = symmetricKey.combinations;

describe('wrapping choices', () => {
  it('offers an algorithm when some wrapping key spec allows it, else says why not', () => {
    expect(algorithmOptions(rows)).toEqual([
      { value: 'RSAES_OAEP_SHA_256', allowed: true, reason: null },
      {
        value: 'RSA_AES_KEY_WRAP_SHA_256',
        allowed: false,
        reason: 'KMS rejects RSA_AES_KEY_WRAP_* for symmetric material.',
      },
    ]);
  });

  it('lists the wrapping key specs of the chosen algorithm with their own reasons', () => {
    expect(keySpecOptions(rows, 'RSAES_OAEP_SHA_256').map((o) => [o.value, o.allowed, o.reason])).toEqual([
      ['RSA_2048', true, null],
      ['RSA_4096', true, null],
      ['SM2', false, 'SM2 is China Regions only.'],
    ]);
  });

  it('keeps a still-valid spec and replaces one the new algorithm refuses', () => {
    expect(fitSpec(rows, 'RSAES_OAEP_SHA_256', 'RSA_4096')).toBe('RSA_4096');
    expect(fitSpec(rows, 'RSAES_OAEP_SHA_256', 'SM2')).toBe('RSA_2048');
    expect(fitSpec(rows, 'RSA_AES_KEY_WRAP_SHA_256', 'RSA_4096')).toBe('');
  });
});
