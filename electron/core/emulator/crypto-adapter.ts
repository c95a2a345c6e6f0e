import { generateKeyPair, randomFillSync } from 'node:crypto';
import { promisify } from 'node:util';
import { Secret } from '../crypto';
import type { KeySpec } from '../crypto';
import { keySpecRow } from './key-specs';

/**
 * Local adapter, and why: the crypto core's API lists `generateKeyMaterial(keySpec)`, but its index does not
 * export it (yet). KMS-origin (AWS_KMS) keys need material that KMS itself makes, so this file generates it:
 * random bytes for symmetric/HMAC, a fresh key pair exported as PKCS#8 DER for asymmetric specs. Switch to the
 * crypto core's function once it lands.
 */
const generate = promisify(generateKeyPair);

export async function generateAwsKmsMaterial(keySpec: KeySpec): Promise<Secret> {
  const row = keySpecRow(keySpec);
  if (row.family === 'symmetric') return fill(Secret.alloc(32));
  if (row.family === 'hmac') return fill(Secret.alloc(row.hmacBytes ?? 32));
  const pair =
    row.family === 'rsa'
      ? await generate('rsa', { modulusLength: row.modulusBits ?? 2048, publicExponent: 0x10001 })
      : row.family === 'ed25519'
        ? await generate('ed25519', {})
        : await generate('ec', { namedCurve: row.curve ?? 'prime256v1' });
  const der = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
  try {
    return Secret.copyOf(der);
  } finally {
    der.fill(0);
  }
}

function fill(secret: Secret): Secret {
  secret.use((bytes) => randomFillSync(bytes));
  return secret;
}
