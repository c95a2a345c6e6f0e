import {
  checkImportCompatibility,
  checkValue,
  parseWrappingPublicKey,
  wrapKeyMaterial,
} from '../../core/crypto';
import { AppError } from '../../core/errors';
import type { Command } from '../command';
import {
  algorithmArg,
  keySpecArg,
  loadMaterialArgs,
  MATERIAL_OPTIONS,
  parseCommandArgs,
  readSecretFile,
  refuseExisting,
  required,
  writeNewFile,
} from '../crypto-cli';
import { formatCheckValue, formatHash } from '../../shared/display/hash-format';

const usage = `Usage: kms-ceremony wrap --public-key <file> --algorithm <ALG> --key-spec <SPEC> --material <file>
                         [--material-format auto|raw|hex|base64|pem|der|p12] [--passphrase-file <file>]
                         --out EncryptedKeyMaterial.bin

Wraps key material under the wrapping public key from GetParametersForImport, exactly as KMS expects it.
  --public-key       WrappingPublicKey.bin (DER), its base64 as the AWS CLI prints it, or PEM
  --algorithm        RSAES_OAEP_SHA_256 | RSAES_OAEP_SHA_1 | RSA_AES_KEY_WRAP_SHA_256 | RSA_AES_KEY_WRAP_SHA_1
  --key-spec         the KeySpec of the KMS key (SYMMETRIC_DEFAULT, HMAC_256, RSA_4096, ECC_NIST_P256, ...)
  --material         the key material file; asymmetric keys may be PKCS#8/PKCS#1/SEC1 PEM or DER, or PKCS#12
  --passphrase-file  passphrase for encrypted PEM or PKCS#12 (one trailing newline is ignored)
  --out              where to write EncryptedKeyMaterial (never overwritten)`;

export const wrapCommand: Command = {
  name: 'wrap',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(
      args,
      {
        'public-key': { type: 'string' },
        algorithm: { type: 'string' },
        ...MATERIAL_OPTIONS,
        out: { type: 'string' },
      },
      usage,
    );
    const algorithm = algorithmArg(values.algorithm, usage);
    const keySpec = keySpecArg(values['key-spec'], usage);
    const publicKeyPath = required(values['public-key'], 'public-key', usage);
    const out = required(values.out, 'out', usage);
    refuseExisting(out);

    const publicKey = parseWrappingPublicKey(readSecretFile(publicKeyPath));
    const compatibility = checkImportCompatibility(keySpec, algorithm, publicKey.wrappingKeySpec);
    if (!compatibility.allowed) {
      throw new AppError(
        'INCOMPATIBLE',
        `${algorithm} with a ${publicKey.wrappingKeySpec} wrapping key cannot import ${keySpec} material: ${compatibility.reason}`,
        'Call GetParametersForImport again with a compatible --wrapping-algorithm / --wrapping-key-spec.',
      );
    }
    const { loaded } = await loadMaterialArgs(values, usage);
    try {
      const blob = wrapKeyMaterial({
        material: loaded.material,
        publicKeyDer: publicKey.der,
        algorithm,
        keySpec,
      });
      const check = checkValue(keySpec, loaded.material);
      writeNewFile(out, blob, 0o644);
      for (const note of loaded.notes) io.stdout(`note: ${note}`);
      io.stdout(
        [
          `Wrapped ${keySpec} material (${loaded.formatFound}, ${loaded.material.length} bytes) with ${algorithm}.`,
          `  wrapping key        ${publicKey.wrappingKeySpec}, read as ${publicKey.formatFound}, ${formatHash(publicKey.sha256Hex)}`,
          `  material check      ${formatCheckValue(check)}${check.legacyEcbKcv ? ` (${formatCheckValue({ kind: 'AES-ECB', value: check.legacyEcbKcv })})` : ''}`,
          `  EncryptedKeyMaterial ${out} (${blob.length} bytes)`,
          `Next: aws kms import-key-material --key-id <key ARN> --encrypted-key-material fileb://${out} --import-token fileb://ImportToken.bin --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE`,
        ].join('\n'),
      );
      return 0;
    } finally {
      loaded.material.wipe();
    }
  },
};
