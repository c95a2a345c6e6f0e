import { createPrivateKey, getCurves } from 'node:crypto';
import { OID } from '../asn1';
import { KEY_SPEC_INFO, type KeySpec, type MaterialShape } from '../kms-types';
import type { Secret } from '../secret';
import { CONTAINER_NAMES, CURVE_NAMES_BY_OID, ecInner, identifyContainer, type Container } from './container';

export type Validity = { ok: true } | { ok: false; reason: string };

// Words for the people at the table: what was found and what to do in the app (no shell commands).
const TO_PKCS8 = 'load the file in step Key material, which converts it to PKCS#8 in memory';
const WHAT_FOUND: Partial<Record<Container['kind'], string>> = {
  'pkcs1-rsa': `it is PKCS#1 RSAPrivateKey DER; KMS needs PKCS#8: ${TO_PKCS8}`,
  'sec1-ec': `it is SEC1 ECPrivateKey DER; KMS needs PKCS#8: ${TO_PKCS8}`,
  'encrypted-pkcs8': 'it is an encrypted PKCS#8 key; decrypt it first (load it with its passphrase)',
  pkcs12: 'it is a PKCS#12 container; load it with its passphrase to extract the private key',
};

/**
 * Does this material fit this key spec exactly as KMS requires (spec §2.1)? Length for symmetric/HMAC;
 * PKCS#8 structure, algorithm, curve and modulus size for asymmetric keys. Used before wrapping and by the
 * emulator after unwrapping. Reasons name what was found and never include key bytes.
 */
export interface ValidateOptions {
  /**
   * Emulator fidelity flag (spec §2.1 note 2, unverified): accept HMAC material from the digest length up to
   * 128 bytes, as a third-party emulator claims AWS does. Default: the documented exact-length rule.
   */
  hmacAcceptLonger?: boolean;
}

export function validateMaterialForKeySpec(
  keySpec: KeySpec,
  material: Secret,
  opts: ValidateOptions = {},
): Validity {
  const shape = KEY_SPEC_INFO[keySpec].material;
  return material.use((bytes) => validateBytes(keySpec, shape, bytes, opts));
}

const HMAC_MAX_OBSERVED = 128;

function validateBytes(
  keySpec: KeySpec,
  shape: MaterialShape,
  bytes: Buffer,
  opts: ValidateOptions,
): Validity {
  switch (shape.kind) {
    case 'unsupported':
      return fail(shape.reason);
    case 'hmac':
      if (opts.hmacAcceptLonger) {
        return bytes.length >= shape.bytes && bytes.length <= HMAC_MAX_OBSERVED
          ? { ok: true }
          : fail(
              `${keySpec} needs ${shape.bytes} to ${HMAC_MAX_OBSERVED} bytes; this material has ${bytes.length}.`,
            );
      }
      return exactLength(keySpec, shape.bytes, bytes);
    case 'symmetric':
      return exactLength(keySpec, shape.bytes, bytes);
    default:
      return validateAsymmetric(keySpec, shape, bytes);
  }
}

function validateAsymmetric(
  keySpec: KeySpec,
  shape: Extract<MaterialShape, { kind: 'rsa' | 'ec' | 'ed25519' }>,
  bytes: Buffer,
): Validity {
  const container = identifyContainer(bytes);
  if (container.kind !== 'pkcs8') {
    const found = WHAT_FOUND[container.kind] ?? `it is ${CONTAINER_NAMES[container.kind]}`;
    return fail(`${keySpec} material must be a PKCS#8 private key in DER; ${found}.`);
  }
  const expectedOid =
    shape.kind === 'rsa' ? OID.rsaEncryption : shape.kind === 'ec' ? OID.ecPublicKey : OID.ed25519;
  if (container.algorithmOid !== expectedOid) {
    return fail(
      `${keySpec} needs a ${shape.kind.toUpperCase()} private key; this PKCS#8 key is ${algorithmName(container)}.`,
    );
  }
  if (shape.kind === 'ec' && container.curveOid !== shape.curveOid) {
    const found = container.curveOid
      ? (CURVE_NAMES_BY_OID[container.curveOid] ?? container.curveOid)
      : 'unnamed';
    return fail(
      `${keySpec} needs a key on ${CURVE_NAMES_BY_OID[shape.curveOid]}; this key is on the ${found} curve.`,
    );
  }
  if (shape.kind === 'ec' && !getCurves().includes(shape.curve))
    return validateEcStructurally(keySpec, shape, container);
  try {
    const details = createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' }).asymmetricKeyDetails ?? {};
    if (shape.kind === 'rsa' && details.modulusLength !== shape.modulusBits) {
      return fail(
        `${keySpec} needs a ${shape.modulusBits}-bit RSA key; this key is ${details.modulusLength}-bit.`,
      );
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : 'unreadable';
    return fail(`${keySpec} material has a PKCS#8 header but the key inside does not parse (${why}).`);
  }
  return { ok: true };
}

/**
 * BoringSSL (Electron) has no secp256k1, so its keys are checked by structure: RFC 5915 ECPrivateKey with a
 * scalar of the curve's size.
 */
function validateEcStructurally(
  keySpec: KeySpec,
  shape: Extract<MaterialShape, { kind: 'ec' }>,
  container: Extract<Container, { kind: 'pkcs8' }>,
): Validity {
  const inner = ecInner(container.privateKey);
  if (!inner) return fail(`${keySpec} material is PKCS#8 but its inner ECPrivateKey does not parse.`);
  if (inner.scalar.length !== shape.scalarBytes || inner.scalar.every((b) => b === 0)) {
    return fail(
      `${keySpec} needs a ${shape.scalarBytes}-byte private scalar; this key has ${inner.scalar.length}.`,
    );
  }
  return { ok: true };
}

function algorithmName(container: Extract<Container, { kind: 'pkcs8' }>): string {
  const names: Record<string, string> = {
    [OID.rsaEncryption]: 'RSA',
    [OID.ecPublicKey]: `EC (${container.curveOid ? (CURVE_NAMES_BY_OID[container.curveOid] ?? container.curveOid) : '?'})`,
    [OID.ed25519]: 'Ed25519',
    [OID.sm2]: 'SM2',
  };
  return names[container.algorithmOid] ?? `algorithm ${container.algorithmOid}`;
}

function exactLength(keySpec: KeySpec, expected: number, bytes: Buffer): Validity {
  return bytes.length === expected
    ? { ok: true }
    : fail(`${keySpec} needs exactly ${expected} bytes; this material has ${bytes.length}.`);
}

function fail(reason: string): Validity {
  return { ok: false, reason };
}
