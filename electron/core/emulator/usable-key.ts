import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { RequestContext } from './context';
import { KmsError, messages } from './errors';
import type { KeyUsage } from './key-specs';
import { currentMaterial, withMaterial } from './materials';
import { resolveKey } from './resolve';
import { assertState } from './state-machine';
import type { KeyRecord } from './store/records';

/**
 * The common front of the cryptographic operations: resolve (aliases allowed), the key must be Enabled
 * (Disabled → DisabledException, PendingImport → "… is pending import."), and have the right KeyUsage.
 */
export function usableKey(ctx: RequestContext, keyId: string, usage: KeyUsage, operation: string): KeyRecord {
  const key = resolveKey(ctx, keyId, { allowAlias: true });
  assertState('use', key.state, key.arn);
  if (key.keyUsage !== usage) {
    throw new KmsError('InvalidKeyUsageException', messages.wrongKeyUsage(key.arn, key.keyUsage, operation));
  }
  return key;
}

/** The key's current asymmetric private key as a KeyObject (the PKCS#8 bytes are wiped right away). */
export function privateKeyOf(ctx: RequestContext, key: KeyRecord): KeyObject {
  return withMaterial(ctx, key, currentMaterial(key), (der) =>
    createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
  );
}

export function publicKeyOf(ctx: RequestContext, key: KeyRecord): KeyObject {
  return createPublicKey(privateKeyOf(ctx, key));
}
