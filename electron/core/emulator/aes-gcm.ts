import { createDecipheriv } from 'node:crypto';

/**
 * AES-256-GCM decryption into a Buffer.alloc'd buffer (the caller wipes it), or null when authentication
 * fails. Shared by the Encrypt/Decrypt blob format and the store's sealing of key material.
 */
export function openAesGcm(key: Buffer, iv: Buffer, aad: Buffer, tag: Buffer, body: Buffer): Buffer | null {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const out = Buffer.alloc(body.length);
  try {
    const part = decipher.update(body);
    part.copy(out);
    part.fill(0);
    decipher.final();
    return out;
  } catch {
    out.fill(0);
    return null;
  }
}
