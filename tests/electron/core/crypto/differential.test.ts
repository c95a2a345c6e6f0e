import { generateKeyPair, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkImportCompatibility,
  generateKeyMaterial,
  Secret,
  unwrapKeyMaterial,
  wrapKeyMaterial,
  type KeySpec,
  type WrappingAlgorithm,
} from '../../../../electron/core/crypto';
import { sh, tempDir } from './openssl';

/**
 * Our wrap ⇄ the OpenSSL CLI running the AWS runbook (spec §3), in both directions, for every wrapping algorithm ×
 * RSA_2048/3072/4096 × material kind that the compatibility table allows. All OpenSSL calls of one direction
 * run in one bash process to keep the suite light on a shared 2-core machine.
 */
const ALGORITHMS: WrappingAlgorithm[] = [
  'RSAES_OAEP_SHA_1',
  'RSAES_OAEP_SHA_256',
  'RSA_AES_KEY_WRAP_SHA_1',
  'RSA_AES_KEY_WRAP_SHA_256',
];
const WRAPPING_SPECS = [2048, 3072, 4096] as const;
const MATERIAL_KINDS: KeySpec[] = [
  'SYMMETRIC_DEFAULT',
  'HMAC_224',
  'HMAC_512',
  'ECC_NIST_P256',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'ECC_NIST_EDWARDS25519',
  'RSA_2048',
  'RSA_4096',
];

const tmp = tempDir();
const pairs = new Map<number, { publicKey: KeyObject; privateKey: KeyObject }>();
const materials = new Map<KeySpec, Buffer>(); // test-only plain copies, for the OpenSSL peer

interface Case {
  id: string;
  keySpec: KeySpec;
  algorithm: WrappingAlgorithm;
  bits: (typeof WRAPPING_SPECS)[number];
}
const cases: Case[] = MATERIAL_KINDS.flatMap((keySpec) =>
  ALGORITHMS.flatMap((algorithm) =>
    WRAPPING_SPECS.filter((bits) => checkImportCompatibility(keySpec, algorithm, `RSA_${bits}`).allowed).map(
      (bits) => ({
        id: `${keySpec}.${algorithm}.${bits}`,
        keySpec,
        algorithm,
        bits,
      }),
    ),
  ),
);

const hashOf = (a: WrappingAlgorithm) => (a.endsWith('SHA_1') ? 'sha1' : 'sha256');
const oaepOpts = (a: WrappingAlgorithm) =>
  `-pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:${hashOf(a)} -pkeyopt rsa_mgf1_md:${hashOf(a)}`;

beforeAll(async () => {
  const gen = promisify(generateKeyPair);
  await Promise.all(
    WRAPPING_SPECS.map(async (bits) => {
      const pair = await gen('rsa', { modulusLength: bits });
      pairs.set(bits, pair);
      writeFileSync(tmp.path(`wk${bits}.pem`), pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      writeFileSync(
        tmp.path(`WrappingPublicKey${bits}.bin`),
        pair.publicKey.export({ type: 'spki', format: 'der' }),
      );
    }),
  );
  for (const keySpec of MATERIAL_KINDS) {
    const material = await generateKeyMaterial(keySpec);
    const copy = material.use((b) => Buffer.from(b));
    materials.set(keySpec, copy);
    writeFileSync(tmp.path(`${keySpec}.material`), copy);
    material.wipe();
  }
});
afterAll(() => tmp.cleanup());

describe('differential against the OpenSSL CLI', () => {
  it(`covers every allowed combination (${cases.length} cases)`, () => {
    expect(cases.length).toBeGreaterThan(60);
    expect(new Set(cases.map((c) => c.algorithm)).size).toBe(4);
  });

  it('ours wraps → OpenSSL unwraps (pkeyutl -decrypt; enc -d -id-aes256-wrap-pad)', () => {
    const script: string[] = [];
    for (const c of cases) {
      const material = Secret.copyOf(materials.get(c.keySpec)!);
      const blob = wrapKeyMaterial({
        material,
        publicKeyDer: readFileSync(tmp.path(`WrappingPublicKey${c.bits}.bin`)),
        algorithm: c.algorithm,
        keySpec: c.keySpec,
      });
      writeFileSync(tmp.path(`${c.id}.ours`), blob);
      const k = c.bits / 8;
      const decrypt = `openssl pkeyutl -decrypt -inkey wk${c.bits}.pem ${oaepOpts(c.algorithm)}`;
      if (c.algorithm.startsWith('RSAES_OAEP')) {
        script.push(`${decrypt} -in ${c.id}.ours -out ${c.id}.ossl-plain`);
      } else {
        script.push(
          `head -c ${k} ${c.id}.ours > ${c.id}.rsa && tail -c +${k + 1} ${c.id}.ours > ${c.id}.kwp`,
          `${decrypt} -in ${c.id}.rsa -out ${c.id}.aes`,
          `openssl enc -d -id-aes256-wrap-pad -K $(xxd -p -c 64 ${c.id}.aes) -iv A65959A6 -in ${c.id}.kwp -out ${c.id}.ossl-plain`,
        );
      }
    }
    sh(script.join('\n'), tmp.dir);
    const mismatches = cases.filter(
      (c) => !readFileSync(tmp.path(`${c.id}.ossl-plain`)).equals(materials.get(c.keySpec)!),
    );
    expect(mismatches.map((c) => c.id)).toEqual([]);
  });

  it('OpenSSL wraps with the AWS runbook commands → ours unwraps', () => {
    const script = cases.flatMap((c) => {
      const encrypt = `openssl pkeyutl -encrypt -inkey WrappingPublicKey${c.bits}.bin -keyform DER -pubin ${oaepOpts(c.algorithm)}`;
      if (c.algorithm.startsWith('RSAES_OAEP'))
        return [`${encrypt} -in ${c.keySpec}.material -out ${c.id}.theirs`];
      return [
        `openssl rand -out ${c.id}.aeskey 32`,
        `openssl enc -id-aes256-wrap-pad -K "$(xxd -p < ${c.id}.aeskey | tr -d '\\n')" -iv A65959A6 -in ${c.keySpec}.material -out ${c.id}.kmw`,
        `${encrypt} -in ${c.id}.aeskey -out ${c.id}.akw`,
        `cat ${c.id}.akw ${c.id}.kmw > ${c.id}.theirs`,
      ];
    });
    sh(script.join('\n'), tmp.dir);
    const mismatches = cases.filter((c) => {
      const back = unwrapKeyMaterial({
        blob: readFileSync(tmp.path(`${c.id}.theirs`)),
        privateKey: pairs.get(c.bits)!.privateKey,
        algorithm: c.algorithm,
      });
      return !back.use((b) => b.equals(materials.get(c.keySpec)!));
    });
    expect(mismatches.map((c) => c.id)).toEqual([]);
  });
});
