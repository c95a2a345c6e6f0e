import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lastSelfTest, runSelfTests, Secret, wrapKeyMaterial } from '../../../../electron/core/crypto';
import { SELF_TESTS } from '../../../../electron/core/crypto/self-test';

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyDer = publicKey.export({ type: 'spki', format: 'der' });
const wrap = () =>
  wrapKeyMaterial({ material: Secret.random(32), publicKeyDer, algorithm: 'RSAES_OAEP_SHA_256' });

describe('self-tests', () => {
  it('pass on this platform and cover the vectors the brief names', async () => {
    const report = await runSelfTests();
    expect(report.results.filter((r) => !r.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    const names = report.results.map((r) => r.name).join('\n');
    for (const part of [
      'RFC 5649 §6 vector 1',
      'RFC 5649 §6 vector 2',
      'RFC 4493',
      'RSAES_OAEP_SHA_1',
      'RSAES_OAEP_SHA_256',
      'RSA_AES_KEY_WRAP_SHA_256 full round trip',
    ])
      expect(names).toContain(part);
    expect(report.results.filter((r) => r.name.startsWith('RFC 4493')).length).toBe(4);
    expect(lastSelfTest()).toBe(report);
  });

  it('a failing known answer makes wrapping refuse with a clear message, until a passing run', async () => {
    const broken = [
      ...SELF_TESTS,
      {
        name: 'planted failure',
        run: () => {
          throw new Error('output differs');
        },
      },
    ];
    const report = await runSelfTests(broken);
    expect(report.ok).toBe(false);
    expect(report.results.find((r) => r.name === 'planted failure')).toMatchObject({
      ok: false,
      detail: 'output differs',
    });
    expect(wrap).toThrow(
      /Wrapping is refused: 1 crypto self-test\(s\) failed \(planted failure: output differs\)/,
    );
    await runSelfTests();
    expect(wrap().length).toBe(256);
  });
});
