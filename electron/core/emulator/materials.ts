import type { EmulatorContext } from './context';
import { KmsError } from './errors';
import type { KeyRecord, MaterialRecord } from './store/records';

/**
 * Key material at rest: sealed (AES-256-GCM, master-key subkey) with the key ID and material ID as associated
 * data, so a sealed blob cannot be moved to another key. Plaintext exists only inside `withMaterial`.
 */
const aad = (key: KeyRecord, materialId: string) => `${key.keyId}/${materialId}`;

export function sealMaterial(
  ctx: EmulatorContext,
  key: KeyRecord,
  materialId: string,
  bytes: Buffer,
): string {
  return ctx.store.materialSealer.seal(bytes, aad(key, materialId)).toString('base64');
}

/** Lends the plaintext of `material` to `fn` in a Buffer.alloc'd buffer, wiped afterwards. */
export function withMaterial<T>(
  ctx: EmulatorContext,
  key: KeyRecord,
  material: MaterialRecord,
  fn: (b: Buffer) => T,
): T {
  if (material.sealed === null)
    throw new KmsError('KMSInvalidStateException', `${key.arn} is pending import.`);
  const bytes = ctx.store.materialSealer.open(Buffer.from(material.sealed, 'base64'), aad(key, material.id));
  if (!bytes) throw new KmsError('KMSInternalException', 'Stored key material failed its integrity check.');
  try {
    return fn(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** The material operations use: the CURRENT one, imported. */
export function currentMaterial(key: KeyRecord): MaterialRecord {
  const m = key.materials.find((x) => x.materialState === 'CURRENT' && x.importState === 'IMPORTED');
  if (!m) throw new KmsError('KMSInvalidStateException', `${key.arn} is pending import.`);
  return m;
}
