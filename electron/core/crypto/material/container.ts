import { children, OID, oidToString, readWholeDer, smallInt, TAG, type Der } from '../asn1';

/**
 * Recognises which DER key container some bytes are, by structure alone (no decryption, no string copies),
 * so rejections can say what was found: "this is PKCS#1 DER", "this is a certificate", ...
 */
export type Container =
  | {
      kind: 'pkcs8';
      algorithmOid: string;
      curveOid: string | null;
      privateKey: Buffer;
      algorithmIdentifier: Buffer;
    }
  | { kind: 'pkcs1-rsa' }
  | { kind: 'sec1-ec'; curveOid: string | null }
  | { kind: 'encrypted-pkcs8' }
  | { kind: 'pkcs12' }
  | { kind: 'spki' }
  | { kind: 'x509' }
  | { kind: 'unknown-der' }
  | { kind: 'not-der' };

export const CONTAINER_NAMES: Record<Container['kind'], string> = {
  pkcs8: 'PKCS#8 PrivateKeyInfo (DER)',
  'pkcs1-rsa': 'PKCS#1 RSAPrivateKey (DER)',
  'sec1-ec': 'SEC1 ECPrivateKey (DER)',
  'encrypted-pkcs8': 'encrypted PKCS#8 (EncryptedPrivateKeyInfo, DER)',
  pkcs12: 'PKCS#12 (.p12/.pfx)',
  spki: 'a public key (SubjectPublicKeyInfo), not a private key',
  x509: 'an X.509 certificate, not a private key',
  'unknown-der': 'DER of an unrecognised structure',
  'not-der': 'not DER',
};

export const CURVE_NAMES_BY_OID: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256 (prime256v1)',
  '1.3.132.0.34': 'P-384 (secp384r1)',
  '1.3.132.0.35': 'P-521 (secp521r1)',
  '1.3.132.0.10': 'secp256k1',
  [OID.sm2]: 'SM2',
};

export function identifyContainer(bytes: Buffer): Container {
  const top = readWholeDer(bytes);
  if (!top) return { kind: 'not-der' };
  if (top.tag !== TAG.SEQUENCE) return { kind: 'unknown-der' };
  const parts = children(top);
  if (!parts || parts.length < 2) return { kind: 'unknown-der' };
  const [first, second, third] = parts as [Der, Der, Der | undefined];
  const version = smallInt(first);

  if ((version === 0 || version === 1) && second.tag === TAG.SEQUENCE && third?.tag === TAG.OCTET_STRING) {
    const alg = children(second);
    const oid = alg?.[0];
    if (oid?.tag === TAG.OID) {
      const param = alg?.[1];
      return {
        kind: 'pkcs8',
        algorithmOid: oidToString(oid.value),
        curveOid: param?.tag === TAG.OID ? oidToString(param.value) : null,
        privateKey: third.value,
        algorithmIdentifier: second.tlv,
      };
    }
  }
  if (version === 0 && parts.length >= 9 && parts.every((p) => p.tag === TAG.INTEGER))
    return { kind: 'pkcs1-rsa' };
  if (version === 1 && second.tag === TAG.OCTET_STRING)
    return { kind: 'sec1-ec', curveOid: sec1CurveOid(parts) };
  if (version === 3 && second.tag === TAG.SEQUENCE) {
    const inner = children(second)?.[0];
    if (inner?.tag === TAG.OID && oidToString(inner.value) === OID.pkcs7Data) return { kind: 'pkcs12' };
  }
  if (first.tag === TAG.SEQUENCE && parts.length === 2) {
    if (second.tag === TAG.OCTET_STRING) return { kind: 'encrypted-pkcs8' };
    if (second.tag === TAG.BIT_STRING) return { kind: 'spki' };
  }
  if (first.tag === TAG.SEQUENCE && parts.length === 3 && third?.tag === TAG.BIT_STRING)
    return { kind: 'x509' };
  return { kind: 'unknown-der' };
}

/** SEC1 ECPrivateKey: the curve is in the optional [0] parameters. */
function sec1CurveOid(parts: Der[]): string | null {
  const params = parts.find((p) => p.tag === 0xa0);
  const oid = params ? children(params)?.[0] : undefined;
  return oid?.tag === TAG.OID ? oidToString(oid.value) : null;
}

/** For a PKCS#8 EC key: the inner RFC 5915 ECPrivateKey's scalar and (optional) public point. */
export function ecInner(privateKey: Buffer): { scalar: Buffer; publicPoint: Buffer | null } | null {
  const inner = readWholeDer(privateKey);
  const parts = inner && children(inner);
  if (!parts || smallInt(parts[0]) !== 1 || parts[1]?.tag !== TAG.OCTET_STRING) return null;
  const pub = parts.find((p) => p.tag === 0xa1);
  const bits = pub ? children(pub)?.[0] : undefined;
  const point = bits?.tag === TAG.BIT_STRING && bits.value[0] === 0 ? bits.value.subarray(1) : null;
  return { scalar: parts[1].value, publicPoint: point };
}
