import { createCipheriv, randomBytes } from 'node:crypto';
import { openAesGcm } from './aes-gcm';

/**
 * The emulator's symmetric ciphertext blob (Encrypt, GenerateDataKey). The format is ours, not AWS's; it is
 * plain AES-256-GCM under the imported 32-byte key, so an app holding the material can decrypt it locally and
 * so prove that KMS holds exactly that material.
 *
 *   offset  size  field
 *   0       1     version = 0x01
 *   1       1     n = length of the key ID
 *   2       n     bare key ID, ASCII (e.g. "1234abcd-…" or "mrk-…"; same in every Region of a multi-Region key)
 *   2+n     32    KeyMaterialId (the 64-hex ID as bytes): selects the material on Decrypt after rotations
 *   34+n    12    GCM IV
 *   46+n    L     ciphertext
 *   46+n+L  16    GCM tag
 *
 * AAD = bytes [0, 34+n) followed by the encryption context as UTF-8 JSON of its [key, value] pairs sorted
 * by key (`[]` when there is none).
 */
const VERSION = 1;

export interface ParsedCiphertext {
  keyId: string;
  materialId: string;
  header: Buffer;
  iv: Buffer;
  body: Buffer;
  tag: Buffer;
}

export function contextBytes(context: Record<string, string> | undefined): Buffer {
  const pairs = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(pairs), 'utf8');
}

export function sealCiphertext(
  key: Buffer,
  keyId: string,
  materialId: string,
  plaintext: Buffer,
  context: Record<string, string> | undefined,
): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  const header = Buffer.concat([Buffer.from([VERSION, id.length]), id, Buffer.from(materialId, 'hex')]);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.concat([header, contextBytes(context)]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
}

export function parseCiphertext(blob: Buffer): ParsedCiphertext | null {
  if (blob.length < 2 || blob[0] !== VERSION) return null;
  const n = blob[1]!;
  const headerEnd = 2 + n + 32;
  if (blob.length < headerEnd + 12 + 16) return null;
  return {
    keyId: blob.subarray(2, 2 + n).toString('ascii'),
    materialId: blob.subarray(2 + n, headerEnd).toString('hex'),
    header: blob.subarray(0, headerEnd),
    iv: blob.subarray(headerEnd, headerEnd + 12),
    body: blob.subarray(headerEnd + 12, blob.length - 16),
    tag: blob.subarray(blob.length - 16),
  };
}

/** Plaintext in a Buffer.alloc'd buffer (caller wipes), or null when authentication fails. */
export function openCiphertext(
  key: Buffer,
  parsed: ParsedCiphertext,
  context: Record<string, string> | undefined,
): Buffer | null {
  const aad = Buffer.concat([parsed.header, contextBytes(context)]);
  return openAesGcm(key, parsed.iv, aad, parsed.tag, parsed.body);
}
