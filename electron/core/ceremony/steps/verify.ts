/** Step Verify: asks KMS to prove it holds the officers' material (see ../verify-import.ts for each proof). */
import { AppError } from '../../errors';
import type { Verification } from '../../../shared/ipc-contract';
import { gateway, requireKey, runStep, type CeremonyState } from '../state';
import { verifyAgainstCheckValue, verifyImport } from '../verify-import';
import { describeKey } from './key';

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
  const fresh = await describeKey(s, key.keyId);
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
      const result = s.material
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
