import { createHmac, createPrivateKey } from 'node:crypto';
import type { KmsStore } from './store/kms-store';

/**
 * KeyMaterialId (spec §4.3): a keyed hash of (bare key ID, material), deterministic per key and independent of
 * the Region, so a multi-Region primary and its replicas compute the same ID for the same bytes. AWS's own
 * derivation is unpublished; these IDs are not AWS's. Asymmetric material is hashed in its canonical PKCS#8
 * form, so a re-encoding of the same private key counts as the same material (as observed in AWS).
 */
export function computeMaterialId(
  store: KmsStore,
  keyId: string,
  material: Buffer,
  asymmetric: boolean,
): string {
  const mac = createHmac('sha256', store.idSealer.hmacKey());
  mac.update(`kms-key-material-id\u0000${keyId}\u0000`);
  if (!asymmetric) return mac.update(material).digest('hex');
  let canonical: Buffer;
  try {
    canonical = createPrivateKey({ key: material, format: 'der', type: 'pkcs8' }).export({
      format: 'der',
      type: 'pkcs8',
    });
  } catch {
    // A curve this crypto library cannot load (secp256k1 under Electron's BoringSSL): hash the bytes as given.
    return mac.update(material).digest('hex');
  }
  try {
    return mac.update(canonical).digest('hex');
  } finally {
    canonical.fill(0);
  }
}
