/**
 * Proves that KMS holds exactly the material the officers hold, without the material leaving main:
 * symmetric: see ./symmetric-proof.ts (KMS recognises the material on reimport); HMAC: KMS GenerateMac
 * equals the local HMAC;
 * signing: KMS Sign verified locally, and GetPublicKey equals the public key derived from the material;
 * RSA encryption: GetPublicKey matches and KMS decrypts a locally OAEP-encrypted message;
 * key agreement: GetPublicKey matches.
 */
import {
  constants,
  createHash,
  createHmac,
  createPublicKey,
  publicEncrypt,
  randomBytes,
  verify,
} from 'node:crypto';
import { KEY_SPEC_INFO, publicKeyFromMaterial, type KeySpec, type Secret } from '../crypto';
import type { KmsGateway } from '../kms/gateway';
import type { Verification } from '../../shared/ipc-contract';

type Check = Verification['checks'][number];

const SIGNING: Record<
  string,
  { algorithm: string; verify: (msg: Buffer, sig: Buffer, spki: Buffer) => boolean }
> = {
  rsa: {
    algorithm: 'RSASSA_PSS_SHA_256',
    verify: (msg, sig, spki) =>
      verify(
        'sha256',
        msg,
        {
          key: createPublicKey({ key: spki, format: 'der', type: 'spki' }),
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: 32,
        },
        sig,
      ),
  },
  prime256v1: { algorithm: 'ECDSA_SHA_256', verify: (m, s, k) => verify('sha256', m, spkiKey(k), s) },
  secp256k1: { algorithm: 'ECDSA_SHA_256', verify: (m, s, k) => verify('sha256', m, spkiKey(k), s) },
  secp384r1: { algorithm: 'ECDSA_SHA_384', verify: (m, s, k) => verify('sha384', m, spkiKey(k), s) },
  secp521r1: { algorithm: 'ECDSA_SHA_512', verify: (m, s, k) => verify('sha512', m, spkiKey(k), s) },
  ed25519: { algorithm: 'ED25519_SHA_512', verify: (m, s, k) => verify(null, m, spkiKey(k), s) },
};

function spkiKey(spki: Buffer) {
  return createPublicKey({ key: spki, format: 'der', type: 'spki' });
}

function signingFor(keySpec: KeySpec) {
  const shape = KEY_SPEC_INFO[keySpec].material;
  if (shape.kind === 'rsa') return SIGNING.rsa!;
  if (shape.kind === 'ec') return SIGNING[shape.curve]!;
  if (shape.kind === 'ed25519') return SIGNING.ed25519!;
  return null;
}

async function publicKeyMatches(gateway: KmsGateway, keyId: string, local: Buffer): Promise<Check> {
  const remote = await gateway.getPublicKey(keyId);
  const passed = remote.equals(local);
  return {
    name: 'GetPublicKey equals the public key derived from our material',
    passed,
    detail: passed ? `${local.length}-byte SubjectPublicKeyInfo identical` : 'the public keys differ',
  };
}

export async function verifyImport(args: {
  gateway: KmsGateway;
  keyId: string;
  keySpec: KeySpec;
  keyUsage: string;
  material: Secret;
}): Promise<Omit<Verification, 'keyMaterialId'>> {
  const { gateway, keyId, keySpec, keyUsage, material } = args;
  const shape = KEY_SPEC_INFO[keySpec].material;
  const challenge = randomBytes(32);
  const checks: Check[] = [];
  let method: string;

  if (shape.kind === 'hmac') {
    method = 'KMS GenerateMac equals the locally computed HMAC';
    const macAlgorithm = `HMAC_${shape.hash.toUpperCase().replace('SHA', 'SHA_')}`;
    const remote = await gateway.generateMac(keyId, challenge, macAlgorithm);
    const local = material.use((key) => createHmac(shape.hash, key).update(challenge).digest());
    checks.push({
      name: `${macAlgorithm} over a random message matches`,
      passed: remote.equals(local),
      detail: `${remote.length}-byte MAC compared with our own`,
    });
  } else {
    const spki = publicKeyFromMaterial(keySpec, material);
    if (!spki) throw new Error(`no public key could be derived for ${keySpec}`);
    // GetPublicKey and the usage's own call below are independent reads: sent together, one round trip
    // fewer. The checks keep their order.
    const publicKey = () => publicKeyMatches(gateway, keyId, spki);
    if (keyUsage === 'SIGN_VERIFY') {
      method = 'KMS Sign verified locally, and the public keys match';
      const signing = signingFor(keySpec)!;
      const [matches, signature] = await Promise.all([
        publicKey(),
        gateway.sign(keyId, challenge, signing.algorithm),
      ]);
      checks.push(matches, {
        name: `${signing.algorithm} signature from KMS verifies with our public key`,
        passed: signing.verify(challenge, signature, spki),
        detail: `${signature.length}-byte signature over a random message`,
      });
    } else if (keyUsage === 'ENCRYPT_DECRYPT') {
      method = 'KMS decrypts a locally encrypted message, and the public keys match';
      const ciphertext = publicEncrypt(
        { key: spkiKey(spki), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        challenge,
      );
      const [matches, plaintext] = await Promise.all([
        publicKey(),
        gateway.decrypt(keyId, ciphertext, 'RSAES_OAEP_SHA_256'),
      ]);
      checks.push(matches, {
        name: 'KMS decrypts an RSAES_OAEP_SHA_256 message we encrypted',
        passed: plaintext.equals(challenge),
        detail: `${ciphertext.length}-byte ciphertext`,
      });
    } else {
      method = 'The public keys match';
      checks.push(await publicKey());
    }
  }
  return { method, passed: checks.every((c) => c.passed), checks };
}

/**
 * The online station of an air-gapped ceremony never holds the material, only its check value from the
 * wrapped bundle. KMS can still prove what it holds against that value: the HMAC check value is a MAC over
 * 16 zero bytes (KMS GenerateMac computes it), the asymmetric one is the SHA-256 of the public key (KMS
 * GetPublicKey gives it). (Symmetric keys: ./symmetric-proof.ts, with the wrapped blob the offline
 * station made.)
 */
export async function verifyAgainstCheckValue(args: {
  gateway: KmsGateway;
  keyId: string;
  keySpec: KeySpec;
  keyUsage: string;
  checkValue: { kind: string; value: string };
}): Promise<Omit<Verification, 'keyMaterialId'>> {
  const { gateway, keyId, keySpec, keyUsage, checkValue } = args;
  const shape = KEY_SPEC_INFO[keySpec].material;
  const checks: Check[] = [];
  if (shape.kind === 'hmac') {
    const macAlgorithm = `HMAC_${shape.hash.toUpperCase().replace('SHA', 'SHA_')}`;
    const mac = await gateway.generateMac(keyId, Buffer.alloc(16), macAlgorithm);
    const kcv = mac.subarray(0, 3).toString('hex').toUpperCase();
    checks.push({
      name: 'KMS GenerateMac over 16 zero bytes gives the offline check value',
      passed: kcv === checkValue.value,
      detail: `KMS ${kcv}, offline station ${checkValue.value}`,
    });
    return {
      method: 'KMS-computed HMAC check value equals the offline station’s',
      passed: checks.every((c) => c.passed),
      checks,
    };
  }
  // The signature (below) is asked for with the public key, in one round trip; it is checked against it after.
  const signing = keyUsage === 'SIGN_VERIFY' ? signingFor(keySpec)! : null;
  const challenge = randomBytes(32);
  const [spki, signature] = await Promise.all([
    gateway.getPublicKey(keyId),
    signing ? gateway.sign(keyId, challenge, signing.algorithm) : null,
  ]);
  const digest = createHash('sha256').update(spki).digest('hex').toUpperCase();
  checks.push({
    name: 'SHA-256 of the KMS public key equals the offline check value',
    passed: digest === checkValue.value.toUpperCase(),
    detail: `KMS ${digest.slice(0, 16)}…, offline station ${checkValue.value.slice(0, 16)}…`,
  });
  if (signing && signature) {
    checks.push({
      name: `${signing.algorithm} signature from KMS verifies with that public key`,
      passed: signing.verify(challenge, signature, spki),
      detail: `${signature.length}-byte signature over a random message`,
    });
  }
  return {
    method: 'KMS public key matches the offline check value',
    passed: checks.every((c) => c.passed),
    checks,
  };
}
