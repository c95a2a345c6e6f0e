import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import { aesKeyUnwrapPad, aesKeyWrapPad } from './aes-kwp';
import { aesCmac } from './cmac';
import { unwrapWith, wrapWith } from './constructions';
import type { WrappingAlgorithm } from './kms-types';
import { Secret } from './secret';
import {
  OAEP_MESSAGE_ASCII,
  OAEP_SHA_1_CIPHERTEXT_B64,
  OAEP_SHA_256_CIPHERTEXT_B64,
  RFC4493_VECTORS,
  RFC5649_VECTORS,
  TEST_RSA_2048_PRIVATE_KEY_PEM,
} from './self-test-vectors';

/**
 * Known-answer tests run before the first wrap (and on demand): if the platform's crypto (OpenSSL in Node,
 * BoringSSL in Electron) or our own KWP/CMAC code misbehaves, wrapping is refused instead of producing a blob
 * KMS would reject or, worse, accept and misinterpret. They are synchronous and take a few milliseconds.
 */
export type SelfTestReport = {
  ok: boolean;
  ranAt: string;
  results: { name: string; ok: boolean; detail: string }[];
};
export interface SelfTestCase {
  name: string;
  /** Throws (or returns a failure detail) when the check fails; returns a short success detail. */
  run(): string;
}

let last: SelfTestReport | null = null;

const hex = (h: string) => Buffer.from(h, 'hex'); // public test vectors only

let parsedTestKey: { privateKey: KeyObject; publicKey: KeyObject } | null = null;

/** The known-answer RSA key (a public test vector), parsed once for every test that needs it. */
function testKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  if (!parsedTestKey) {
    const privateKey = createPrivateKey(TEST_RSA_2048_PRIVATE_KEY_PEM);
    parsedTestKey = { privateKey, publicKey: createPublicKey(privateKey) };
  }
  return parsedTestKey;
}

function expectEqual(actual: Buffer, expected: Buffer, what: string): void {
  if (!actual.equals(expected)) throw new Error(`${what}: output differs from the known answer`);
}

function roundTrip(algorithm: WrappingAlgorithm, length: number): string {
  const { privateKey, publicKey } = testKey();
  const material = Secret.random(length);
  try {
    const blob = material.use((m) => wrapWith(algorithm, publicKey, m));
    const back = unwrapWith(algorithm, privateKey, blob);
    try {
      if (!back.equals(material)) throw new Error('unwrapped material differs from the original');
    } finally {
      back.wipe();
    }
    const expected = algorithm.startsWith('RSA_AES') ? 256 + 8 * Math.ceil(length / 8) + 8 : 256;
    if (blob.length !== expected) throw new Error(`blob is ${blob.length} bytes, expected ${expected}`);
    return `${length}-byte material → ${blob.length}-byte blob → same material`;
  } finally {
    material.wipe();
  }
}

function oaepKnownAnswer(algorithm: WrappingAlgorithm, ciphertextB64: string): string {
  const plain = unwrapWith(algorithm, testKey().privateKey, Buffer.from(ciphertextB64, 'base64'));
  try {
    const ok = plain.use((p) => p.equals(Buffer.from(OAEP_MESSAGE_ASCII)));
    if (!ok) throw new Error('decrypted an OpenSSL-made ciphertext to the wrong message');
    return 'decrypts a ciphertext made by the OpenSSL CLI';
  } finally {
    plain.wipe();
  }
}

export const SELF_TESTS: SelfTestCase[] = [
  ...RFC5649_VECTORS.map((v, i) => ({
    name: `RFC 5649 §6 vector ${i + 1} (AES key wrap with padding)`,
    run: () => {
      expectEqual(aesKeyWrapPad(hex(v.kek), hex(v.key)), hex(v.wrapped), 'wrap');
      const back = aesKeyUnwrapPad(hex(v.kek), hex(v.wrapped));
      try {
        expectEqual(back, hex(v.key), 'unwrap');
      } finally {
        back.fill(0);
      }
      return `${v.key.length / 2}-byte key wraps to the RFC output and back`;
    },
  })),
  ...RFC4493_VECTORS.map((v) => ({
    name: `RFC 4493 AES-CMAC, ${v.message.length / 2}-byte message`,
    run: () => {
      expectEqual(aesCmac(hex(v.key), hex(v.message)), hex(v.tag), 'CMAC');
      return 'tag matches the RFC';
    },
  })),
  {
    name: 'RSAES_OAEP_SHA_1 known answer',
    run: () => oaepKnownAnswer('RSAES_OAEP_SHA_1', OAEP_SHA_1_CIPHERTEXT_B64),
  },
  {
    name: 'RSAES_OAEP_SHA_256 known answer (MGF1-SHA-256)',
    run: () => oaepKnownAnswer('RSAES_OAEP_SHA_256', OAEP_SHA_256_CIPHERTEXT_B64),
  },
  {
    name: 'RSAES_OAEP_SHA_256 rejects a SHA-1 ciphertext',
    run: () => {
      try {
        oaepKnownAnswer('RSAES_OAEP_SHA_256', OAEP_SHA_1_CIPHERTEXT_B64);
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNWRAP_FAILED') return 'hash mismatch is detected';
        throw error;
      }
      throw new Error('a SHA-1 ciphertext decrypted under SHA-256');
    },
  },
  { name: 'RSAES_OAEP_SHA_1 round trip', run: () => roundTrip('RSAES_OAEP_SHA_1', 32) },
  { name: 'RSAES_OAEP_SHA_256 round trip', run: () => roundTrip('RSAES_OAEP_SHA_256', 32) },
  {
    name: 'RSA_AES_KEY_WRAP_SHA_256 full round trip',
    // 44 semiblocks, the last one padded: the wrap counter t = n·j + i passes 255 (it is XORed in as a
    // 64-bit value), which is every path of RFC 5649 a larger key takes, at a third of the cost of a
    // 1217-byte RSA_2048 key (the tests run before every first wrap).
    run: () => roundTrip('RSA_AES_KEY_WRAP_SHA_256', 347),
  },
];

/** Synchronous core, so wrapKeyMaterial (synchronous) can run the tests lazily. */
export function runSelfTestsSync(cases: SelfTestCase[] = SELF_TESTS): SelfTestReport {
  const results = cases.map((test) => {
    try {
      return { name: test.name, ok: true, detail: test.run() };
    } catch (error) {
      return { name: test.name, ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  });
  last = { ok: results.every((r) => r.ok), ranAt: new Date().toISOString(), results };
  return last;
}

export async function runSelfTests(cases: SelfTestCase[] = SELF_TESTS): Promise<SelfTestReport> {
  return runSelfTestsSync(cases);
}

/**
 * Runs the self-tests on the next turn of the event loop unless they already ran: call it right after starting
 * a network round trip, so the tests (a few ms of CPU) overlap the wait. Wrapping still checks the result
 * (requireSelfTestsPassed), and runs them itself if they have not run by then.
 */
export function runSelfTestsWhileWaiting(): void {
  if (!last) setImmediate(() => last ?? runSelfTestsSync());
}

export function lastSelfTest(): SelfTestReport | null {
  return last;
}

/** Throws AppError('SELF_TEST_FAILED') unless the last self-test run passed (runs them if none ran yet). */
export function requireSelfTestsPassed(): void {
  const report = last ?? runSelfTestsSync();
  if (report.ok) return;
  const failed = report.results.filter((r) => !r.ok);
  throw new AppError(
    'SELF_TEST_FAILED',
    `Wrapping is refused: ${failed.length} crypto self-test(s) failed (${failed.map((r) => `${r.name}: ${r.detail}`).join('; ')}).`,
    'The crypto library of this build is not behaving as expected; do not import keys with it. Run `kms-ceremony selftest` and report the output.',
  );
}
