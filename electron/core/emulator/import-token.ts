import { createPrivateKey, type KeyObject } from 'node:crypto';
import {
  WRAPPING_ALGORITHMS,
  WRAPPING_KEY_SPECS,
  type WrappingAlgorithm,
  type WrappingKeySpec,
} from '../crypto';
import type { KmsStore } from './store/kms-store';

/**
 * The ImportToken: opaque to clients, ≤ 6144 bytes, and self-contained so it survives restarts and can be
 * reused until it expires (spec §1.3, §3.6). It binds the key ARN (so a replica needs its own), the wrapping
 * algorithm and spec, the issue and expiry instants, and the wrapping private key, all sealed with
 * AES-256-GCM under the data directory's token subkey.
 *
 * Layout: 0x01 | seal(alg u8 | spec u8 | issuedAt f64 ms | validTo f64 ms | arnLen u16 | arn | PKCS#8 DER)
 */
const VERSION = 1;
const AAD = 'kms-emulator/import-token/v1';

export interface TokenContents {
  keyArn: string;
  wrappingAlgorithm: WrappingAlgorithm;
  wrappingKeySpec: WrappingKeySpec;
  issuedAt: number;
  validTo: number;
}

export function issueImportToken(store: KmsStore, contents: TokenContents, privateKey: KeyObject): Buffer {
  const exported = privateKey.export({ format: 'der', type: 'pkcs8' });
  const arn = Buffer.from(contents.keyArn, 'utf8');
  const plain = Buffer.alloc(2 + 16 + 2 + arn.length + exported.length);
  try {
    let at = plain.writeUInt8(WRAPPING_ALGORITHMS.indexOf(contents.wrappingAlgorithm), 0);
    at = plain.writeUInt8(WRAPPING_KEY_SPECS.indexOf(contents.wrappingKeySpec), at);
    at = plain.writeDoubleBE(contents.issuedAt, at);
    at = plain.writeDoubleBE(contents.validTo, at);
    at = plain.writeUInt16BE(arn.length, at);
    at += arn.copy(plain, at);
    exported.copy(plain, at);
    return Buffer.concat([Buffer.from([VERSION]), store.tokenSealer.seal(plain, AAD)]);
  } finally {
    plain.fill(0);
    exported.fill(0);
  }
}

/** The token's contents and wrapping private key, or null if it is not a token this data directory issued. */
export function openImportToken(
  store: KmsStore,
  token: Buffer,
): (TokenContents & { privateKey: KeyObject }) | null {
  if (token.length < 2 || token[0] !== VERSION) return null;
  const plain = store.tokenSealer.open(token.subarray(1), AAD);
  if (!plain) return null;
  try {
    const wrappingAlgorithm = WRAPPING_ALGORITHMS[plain.readUInt8(0)];
    const wrappingKeySpec = WRAPPING_KEY_SPECS[plain.readUInt8(1)];
    const arnLength = plain.readUInt16BE(18);
    if (!wrappingAlgorithm || !wrappingKeySpec) return null;
    return {
      wrappingAlgorithm,
      wrappingKeySpec,
      issuedAt: plain.readDoubleBE(2),
      validTo: plain.readDoubleBE(10),
      keyArn: plain.subarray(20, 20 + arnLength).toString('utf8'),
      privateKey: createPrivateKey({ key: plain.subarray(20 + arnLength), format: 'der', type: 'pkcs8' }),
    };
  } catch {
    return null;
  } finally {
    plain.fill(0);
  }
}
