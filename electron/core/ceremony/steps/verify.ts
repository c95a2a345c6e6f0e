/**
 * Step Verify: asks KMS to prove it holds the officers' material (see ../verify-import.ts for each proof,
 * ../symmetric-proof.ts for SYMMETRIC_DEFAULT, which reimports the material and so calls ImportKeyMaterial).
 */
import { KEY_SPEC_INFO, Secret, wrapKeyMaterial, type KeySpec } from '../../crypto';
import { AppError } from '../../errors';
import type { KeyDescription, Verification } from '../../../shared/ipc-contract';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import {
  gateway,
  kmsIntent,
  requireFreshParameters,
  requireKey,
  runStep,
  type CeremonyState,
} from '../state';
import { proveSymmetricMaterial } from '../symmetric-proof';
import { verifyAgainstCheckValue, verifyImport } from '../verify-import';
import { describeKey } from './key';

/** One sentence per proof: what the SYMMETRIC_DEFAULT checks establish when they pass. */
const SYMMETRIC_METHOD = {
  local:
    'KMS recognised our material: it refused different material and accepted ours, wrapped afresh, as this key’s material (expiry unchanged); a round trip works',
  offline:
    'KMS recognised the material the offline station wrapped: it refused different material and accepted that wrapped material again as this key’s material (expiry unchanged); a round trip works',
};

async function proveSymmetric(
  s: CeremonyState,
  key: { keyId: string; keySpec: KeySpec },
  fresh: KeyDescription,
) {
  const params = requireFreshParameters(s);
  if (!params.importToken || (!s.material && !s.wrapped))
    throw new AppError(
      'NO_TOKEN',
      'The symmetric proof reimports the wrapped material, and this station holds no import token or wrapped material.',
      'Verify on the online station that imported the material.',
    );
  const wrapFor = (material: Secret) =>
    wrapKeyMaterial({
      material,
      publicKeyDer: params.publicKey,
      algorithm: params.wrappingAlgorithm,
      keySpec: key.keySpec,
    });
  const decoyMaterial = Secret.random(s.material?.secret.length ?? 32);
  const decoy = (() => {
    try {
      return wrapFor(decoyMaterial);
    } finally {
      decoyMaterial.wipe();
    }
  })();
  const expiration = {
    expirationModel:
      fresh.expirationModel === 'KEY_MATERIAL_DOES_NOT_EXPIRE'
        ? ('KEY_MATERIAL_DOES_NOT_EXPIRE' as const)
        : ('KEY_MATERIAL_EXPIRES' as const),
    validTo: fresh.validTo ? new Date(fresh.validTo) : null,
  };
  const checks = await proveSymmetricMaterial({
    gateway: gateway(s),
    keyId: key.keyId,
    keyMaterialId: s.imported?.keyMaterialId ?? fresh.currentKeyMaterialId,
    importToken: params.importToken,
    expiration,
    ours: s.material ? wrapFor(s.material.secret) : s.wrapped!.blob,
    decoy,
    intent: (what) =>
      kmsIntent(s, 'ImportKeyMaterial', {
        purpose:
          what === 'decoy' ? 'proof: different material must be refused' : 'proof: reimport our material',
        importType: 'EXISTING_KEY_MATERIAL',
        expirationModel: expiration.expirationModel,
        validTo: expiration.validTo?.toISOString() ?? null,
      }),
  });
  return {
    method: SYMMETRIC_METHOD[s.material ? 'local' : 'offline'],
    passed: checks.every((c) => c.passed),
    checks,
  };
}

export async function verify(s: CeremonyState): Promise<Verification> {
  const key = requireKey(s);
  const offline = s.wrapped?.offlineCheckValue ?? null;
  if (!s.material && !offline) {
    throw new AppError(
      'NO_MATERIAL',
      'There is no key material or check value to compare with.',
      'Load the material that was imported.',
    );
  }
  enforce(policyFacts(s, null, key.keyId), 'verify');
  const fresh = await describeKey(s, key.keyId, 'keep');
  if (fresh.keyState !== 'Enabled') {
    throw new AppError(
      'NOT_ENABLED',
      `The key is ${fresh.keyState}, so KMS cannot use it to prove the import.`,
      fresh.keyState === 'PendingImport' ? 'Import the key material first.' : 'Enable the key, then verify.',
    );
  }
  const common = {
    gateway: gateway(s),
    keyId: key.keyId,
    keySpec: key.keySpec,
    keyUsage: fresh.keyUsage ?? '',
  };
  return runStep(
    s,
    'import.verified',
    { keySpec: key.keySpec },
    async () => {
      const result =
        KEY_SPEC_INFO[key.keySpec].material.kind === 'symmetric'
          ? await proveSymmetric(s, key, fresh)
          : s.material
            ? await verifyImport({ ...common, material: s.material.secret })
            : await verifyAgainstCheckValue({ ...common, checkValue: offline! });
      s.verification = { ...result, keyMaterialId: fresh.currentKeyMaterialId };
      if (!result.passed) {
        throw new AppError(
          'VERIFICATION_FAILED',
          `KMS does not hold the officers' material: ${result.checks
            .filter((c) => !c.passed)
            .map((c) => c.name)
            .join('; ')}.`,
          'Stop the ceremony. Do not use this key; delete its imported material and investigate.',
        );
      }
      return s.verification;
    },
    (v) => ({
      method: v.method,
      passed: v.passed,
      keyMaterialId: v.keyMaterialId,
      checks: v.checks.map((c) => `${c.passed ? 'PASS' : 'FAIL'} ${c.name}`),
    }),
  );
}
