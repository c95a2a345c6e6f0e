import type { RequestContext } from '../context';
import { KmsError } from '../errors';
import { isAsymmetric, keySpecRow } from '../key-specs';
import { resolveKey } from '../resolve';
import { assertState } from '../state-machine';
import { publicKeyOf } from '../usable-key';
import { shapes } from '../wire';
import type { Operation } from './operation';

/** GetPublicKey: the SPKI DER derived from the imported private key (byte-identical to `openssl pkey -pubout`). */
export const getPublicKey: Operation = {
  input: { KeyId: shapes.keyId, GrantTokens: shapes.grantTokens },
  run(ctx: RequestContext, input: { KeyId: string }) {
    const key = resolveKey(ctx, input.KeyId, { allowAlias: true });
    assertState('use', key.state, key.arn);
    if (!isAsymmetric(key.keySpec)) {
      throw new KmsError(
        'UnsupportedOperationException',
        `${key.arn} key usage is ${key.keyUsage} which is not valid for GetPublicKey.`,
      );
    }
    const row = keySpecRow(key.keySpec);
    return {
      KeyId: key.arn,
      PublicKey: publicKeyOf(ctx, key).export({ format: 'der', type: 'spki' }),
      CustomerMasterKeySpec: key.keySpec,
      KeySpec: key.keySpec,
      KeyUsage: key.keyUsage,
      EncryptionAlgorithms: key.keyUsage === 'ENCRYPT_DECRYPT' ? row.encryptionAlgorithms : undefined,
      SigningAlgorithms: key.keyUsage === 'SIGN_VERIFY' ? row.signingAlgorithms : undefined,
      KeyAgreementAlgorithms: key.keyUsage === 'KEY_AGREEMENT' ? row.keyAgreementAlgorithms : undefined,
    };
  },
};
