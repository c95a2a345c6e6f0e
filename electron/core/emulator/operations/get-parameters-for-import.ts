import {
  checkImportCompatibility,
  kmsIncompatibilityMessage,
  WRAPPING_ALGORITHMS,
  WRAPPING_KEY_SPECS,
  type WrappingAlgorithm,
  type WrappingKeySpec,
} from '../../crypto';
import type { RequestContext } from '../context';
import { KmsError } from '../errors';
import { issueImportToken } from '../import-token';
import { assertExternal } from '../key-guards';
import { resolveKey } from '../resolve';
import { assertState } from '../state-machine';
import { shapes } from '../wire';
import type { WrappingKeySpecName } from '../wrapping-pool';
import type { Operation } from './operation';

/** The public key and token are a bound pair, valid 24 h and reusable within that time (spec §1.3). */
export const IMPORT_PARAMETERS_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface Input {
  KeyId: string;
  WrappingAlgorithm: WrappingAlgorithm;
  WrappingKeySpec: WrappingKeySpec;
}

export const getParametersForImport: Operation = {
  input: {
    KeyId: shapes.keyId,
    WrappingAlgorithm: { type: 'string', required: true, enum: WRAPPING_ALGORITHMS },
    WrappingKeySpec: { type: 'string', required: true, enum: WRAPPING_KEY_SPECS },
  },
  async run(ctx: RequestContext, input: Input) {
    const key = resolveKey(ctx, input.KeyId);
    assertExternal(key);
    assertState('import', key.state, key.arn);
    // Incompatible combinations are refused here, not at import time (spec §2.1, §9 fact 6).
    const compatibility = checkImportCompatibility(
      key.keySpec,
      input.WrappingAlgorithm,
      input.WrappingKeySpec,
    );
    if (!compatibility.allowed || input.WrappingKeySpec === 'SM2') {
      throw new KmsError(
        'ValidationException',
        kmsIncompatibilityMessage(key.keySpec, input.WrappingAlgorithm, input.WrappingKeySpec),
      );
    }
    const pair = await ctx.pool.take(input.WrappingKeySpec as WrappingKeySpecName);
    const issuedAt = ctx.clock.nowMs();
    const validTo = issuedAt + IMPORT_PARAMETERS_LIFETIME_MS;
    const token = issueImportToken(
      ctx.store,
      {
        keyArn: key.arn,
        wrappingAlgorithm: input.WrappingAlgorithm,
        wrappingKeySpec: input.WrappingKeySpec,
        issuedAt,
        validTo,
      },
      pair.privateKey,
    );
    return {
      KeyId: key.arn,
      ImportToken: token,
      PublicKey: pair.publicKeyDer,
      ParametersValidTo: validTo / 1000,
    };
  },
};
