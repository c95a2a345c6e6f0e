import { generateKeyPair, generateKeyPairSync, getCurves, randomFillSync, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../../errors';
import { KEY_SPEC_INFO, type KeySpec } from '../kms-types';
import { adoptIntoSecret, Secret } from '../secret';

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * Fresh key material for a key spec, in exactly the form KMS imports (spec §2.1): random bytes for symmetric
 * and HMAC keys, PKCS#8 DER for asymmetric keys. RSA pairs are generated on libuv's thread pool
 * (crypto.generateKeyPair), so even RSA-4096 never blocks the event loop. EC and Ed25519 pairs take ~0.3 ms
 * and are generated inline: through the pool, the round trip alone took 4–9 ms on our 2-core machine.
 */
export async function generateKeyMaterial(keySpec: KeySpec): Promise<Secret> {
  const shape = KEY_SPEC_INFO[keySpec].material;
  switch (shape.kind) {
    case 'symmetric':
    case 'hmac': {
      const secret = Secret.alloc(shape.bytes);
      secret.use((b) => randomFillSync(b));
      return secret;
    }
    case 'rsa':
      return toPkcs8(
        (await generateKeyPairAsync('rsa', { modulusLength: shape.modulusBits, publicExponent: 0x10001 }))
          .privateKey,
      );
    case 'ec':
      if (!getCurves().includes(shape.curve)) {
        throw new AppError(
          'UNSUPPORTED_CURVE',
          `This build's crypto library has no ${shape.curve} curve, so it cannot generate ${keySpec} keys.`,
          'Generate the key on a tool your security team trusts, keep it encrypted (PKCS#8 with a passphrase, or PKCS#12), and load it in step Key material.',
        );
      }
      return toPkcs8(generateKeyPairSync('ec', { namedCurve: shape.curve }).privateKey);
    case 'ed25519':
      return toPkcs8(generateKeyPairSync('ed25519').privateKey);
    case 'unsupported':
      throw new AppError('UNSUPPORTED_KEY_SPEC', shape.reason, 'Choose another key spec.');
  }
}

function toPkcs8(privateKey: KeyObject): Secret {
  return adoptIntoSecret(privateKey.export({ type: 'pkcs8', format: 'der' }));
}
