/**
 * A minimal strict-DER reader over Buffers, for recognising key containers (PKCS#8, PKCS#1, SEC1, PKCS#12)
 * without turning key bytes into strings (node-forge's ASN.1 works on binary strings). Values are subarrays
 * of the input: nothing is copied, so there is nothing extra to wipe.
 */
export interface Der {
  tag: number;
  value: Buffer; // subarray of the input
  tlv: Buffer; // the whole element (tag, length, value), a subarray of the input
  end: number; // offset just past this element in the input
}

/** Reads one DER element at `offset`; null if the bytes are not a well-formed definite-length element. */
export function readDer(input: Buffer, offset = 0): Der | null {
  if (offset + 2 > input.length) return null;
  const tag = input[offset]!;
  if ((tag & 0x1f) === 0x1f) return null; // high tag numbers never appear in key containers
  const lengthByte = input[offset + 1]!;
  let at = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4 || at + count > input.length) return null; // 0x80 = BER indefinite length
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + input[at + i]!;
    at += count;
    if (length < 128 || (count > 1 && input[at - count] === 0)) return null; // non-minimal: not DER
  }
  if (at + length > input.length) return null;
  return {
    tag,
    value: input.subarray(at, at + length),
    tlv: input.subarray(offset, at + length),
    end: at + length,
  };
}

/** The children of a constructed element, or null if they don't parse exactly. */
export function children(element: Der): Der[] | null {
  const out: Der[] = [];
  let at = 0;
  while (at < element.value.length) {
    const child = readDer(element.value, at);
    if (!child) return null;
    out.push(child);
    at = child.end;
  }
  return out;
}

/** Parses `input` as exactly one DER element (no trailing bytes). */
export function readWholeDer(input: Buffer): Der | null {
  const element = readDer(input, 0);
  return element && element.end === input.length ? element : null;
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

/** Dotted form of an OBJECT IDENTIFIER's content octets (OIDs are public, so strings are fine). */
export function oidToString(value: Buffer): string {
  const parts: number[] = [];
  let n = 0;
  for (const byte of value) {
    n = n * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0) parts.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
      else parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

/** Small non-negative INTEGER value (versions), or -1 if it is not one. */
export function smallInt(element: Der | undefined): number {
  if (!element || element.tag !== TAG.INTEGER || element.value.length === 0 || element.value.length > 4)
    return -1;
  if (element.value[0]! & 0x80) return -1;
  return element.value.reduce((acc, b) => acc * 256 + b, 0);
}

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  sm2: '1.2.156.10197.1.301',
  pkcs7Data: '1.2.840.113549.1.7.1',
  pbes2: '1.2.840.113549.1.5.13',
} as const;

/** DER-encodes one element (used only to build public structures such as SubjectPublicKeyInfo). */
export function encodeDer(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), content]);
}
