import { createHash, generateKeyPairSync } from 'node:crypto';

let cached: Buffer | null = null;
/** A real RSA_2048 SPKI DER, like GetParametersForImport's PublicKey (294 bytes). */
export function rsaPublicKeyDer(): Buffer {
  cached ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
    type: 'spki',
    format: 'der',
  });
  return cached;
}

export function otherRsaPublicKeyDer(): Buffer {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
    type: 'spki',
    format: 'der',
  });
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export const toPem = (der: Buffer, eol = '\n') =>
  `-----BEGIN PUBLIC KEY-----${eol}${der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join(eol)}${eol}-----END PUBLIC KEY-----${eol}`;

/** What Windows PowerShell 5.1 `>` / Out-File writes: UTF-16LE with a byte-order mark, CRLF line ends. */
export const powershellOut = (text: string) =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf16le')]);

export const crlf = (text: string) => Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');

export const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const ARN = `arn:aws:kms:eu-west-1:111122223333:key/${KEY_ID}`;

export const CEREMONY_ID = '20261128T090000Z-abc123';
export const VALID_TO = '2026-11-29T09:02:00.000Z';

/** The parameters both bundles describe (what GetParametersForImport was called with and returned). */
export function ceremonyHeader() {
  return {
    ceremonyId: CEREMONY_ID,
    keyArn: ARN,
    keySpec: 'SYMMETRIC_DEFAULT' as const,
    wrappingAlgorithm: 'RSAES_OAEP_SHA_256' as const,
    wrappingKeySpec: 'RSA_2048' as const,
    parametersValidTo: VALID_TO,
    publicKey: rsaPublicKeyDer(),
  };
}
