/**
 * RotateKeyOnDemand for imported material (spec §1.7), its wait and its proof. The rotation is asynchronous
 * in KMS: it is done when DescribeKey.CurrentKeyMaterialId names the new material. The proof uses only what
 * KMS itself says about its ciphertexts (Decrypt returns the KeyMaterialId it used), so it holds against AWS
 * as against the emulator: a new Encrypt is decrypted with the new material, a ciphertext made before the
 * rotation still decrypts, with the old one.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors';
import { describeKeyMetadata } from '../key-description';
import { enforce } from '../policy';
import { policyFacts } from '../policy-facts';
import { gateway, requireKey, requireLog, runStep, type CeremonyState } from '../state';
import { listKeyMaterials } from './key-materials';
import { requireRotationApproved } from './rotation-approval';
import { proveReplicasRotated, rotationRegions } from './rotation-regions';

export interface RotationProgress {
  startedAt: string;
  elapsedSeconds: number;
  currentKeyMaterialId: string | null;
  done: boolean;
}

export interface RotationProof {
  fromKeyMaterialId: string;
  toKeyMaterialId: string;
  /** One sentence per thing proven, for the screen and the record. */
  statements: string[];
}

function requireStarted(s: CeremonyState) {
  const started = s.rotation?.started;
  if (!started) {
    throw new AppError(
      'ROTATION_NOT_STARTED',
      'No rotation was started in this ceremony.',
      'Rotate the key first.',
    );
  }
  return started;
}

/**
 * Checks the witnesses' quorum (policy table, row rotation.rotate) and the approvals against KMS as it
 * stands, encrypts a probe under the current material (kept for the proof), then calls RotateKeyOnDemand.
 * @throws the policy's refusal, and those of ./refusals.ts and ./rotation-approval.ts.
 */
export async function rotateKeyOnDemand(
  s: CeremonyState,
): Promise<{ startedAt: string; toKeyMaterialId: string }> {
  enforce(policyFacts(s), 'rotation.rotate');
  const key = requireKey(s);
  const { request, digest, approvedBy } = await requireRotationApproved(s);
  const gw = gateway(s);
  const probe = randomBytes(32);
  const probeCiphertext = await gw.encrypt(key.keyId, probe);
  // A multi-Region key: the record names the Regions that hold the new material (all of them, or KMS refuses).
  const regions: Record<string, string[]> = {};
  if (key.multiRegion)
    regions.regionsHoldingNewMaterial = (await rotationRegions(s)).regions
      .filter((r) => r.done)
      .map((r) => r.region);
  const details = { approvalSha256: digest, approvedBy, ...request, ...regions };
  await requireLog(s).intent('RotateKeyOnDemand', request.keyArn, details);
  await runStep(s, 'rotation.started', details, () => gw.rotateKeyOnDemand(key.keyId));
  const at = (await gw.onDemandRotationStartDate(key.keyId)) ?? gw.serverNow();
  s.rotation!.started = {
    at: at.toISOString(),
    acceptedAtMs: Date.now(),
    fromKeyMaterialId: request.fromKeyMaterialId,
    toKeyMaterialId: request.toKeyMaterialId,
    probe,
    probeCiphertext,
  };
  return { startedAt: at.toISOString(), toKeyMaterialId: request.toKeyMaterialId };
}

/**
 * One reading of DescribeKey: has CurrentKeyMaterialId become the new material? `begin` (ms since the
 * epoch; default when KMS accepted RotateKeyOnDemand) counts `elapsedSeconds`. The completion is recorded once.
 * @throws AppError ROTATION_NOT_STARTED when no rotation was started in this ceremony.
 */
export async function pollRotation(s: CeremonyState, begin?: number): Promise<RotationProgress> {
  const started = requireStarted(s);
  begin ??= started.acceptedAtMs;
  const key = requireKey(s);
  const meta = await gateway(s).describeKey(key.keyId);
  const progress: RotationProgress = {
    startedAt: started.at,
    elapsedSeconds: Math.max(0, Math.round((Date.now() - begin) / 1000)),
    currentKeyMaterialId: meta.CurrentKeyMaterialId ?? null,
    done: meta.CurrentKeyMaterialId === started.toKeyMaterialId,
  };
  if (progress.done && !s.rotation!.completedAt) {
    s.rotation!.completedAt = new Date().toISOString();
    // The key's description follows KMS: its current material (and that material's expiry) changed.
    if (s.key?.keyId === key.keyId) s.key = describeKeyMetadata(meta, key.aliases);
    await requireLog(s).record({
      action: 'rotation.completed',
      result: 'ok',
      keyArn: key.arn,
      details: { fromKeyMaterialId: started.fromKeyMaterialId, toKeyMaterialId: started.toKeyMaterialId },
    });
  }
  return progress;
}

/**
 * Polls DescribeKey every `pollMs` until CurrentKeyMaterialId is the new material, reporting progress.
 * @throws AppError ROTATION_TIMEOUT after `timeoutMs` (the rotation goes on in KMS; nothing is undone).
 */
export async function waitForRotation(
  s: CeremonyState,
  opts: { onProgress?: (p: RotationProgress) => void; pollMs?: number; timeoutMs?: number } = {},
): Promise<RotationProgress> {
  const started = requireStarted(s);
  const pollMs = opts.pollMs ?? 2_000;
  const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
  const begin = Date.now();
  for (;;) {
    const progress = await pollRotation(s, begin);
    opts.onProgress?.(progress);
    if (progress.done) return progress;
    if (Date.now() - begin >= timeoutMs) {
      throw new AppError(
        'ROTATION_TIMEOUT',
        `The rotation started at ${started.at} had not completed after ${progress.elapsedSeconds} s (the current material is still ${progress.currentKeyMaterialId}).`,
        'KMS goes on rotating; wait, then check the key’s materials again. Nothing was undone.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

const same = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** Proves the completed rotation with KMS's own answers; records it. @throws AppError ROTATION_PROOF_FAILED. */
export async function proveRotation(s: CeremonyState): Promise<RotationProof> {
  const started = requireStarted(s);
  if (!s.rotation!.completedAt) {
    throw new AppError(
      'ROTATION_NOT_DONE',
      'The rotation has not completed yet.',
      'Wait for it to complete first.',
    );
  }
  const key = requireKey(s);
  const gw = gateway(s);
  const { fromKeyMaterialId: from, toKeyMaterialId: to } = started;
  return runStep(
    s,
    'rotation.verified',
    { fromKeyMaterialId: from, toKeyMaterialId: to },
    async () => {
      const fail = (what: string) =>
        new AppError(
          'ROTATION_PROOF_FAILED',
          `The rotation could not be proven: ${what}.`,
          'Do not rely on the new material yet; check the key’s materials and report this.',
        );
      const probe = randomBytes(32);
      const fresh = await gw.decryptNamingMaterial(key.keyId, await gw.encrypt(key.keyId, probe));
      if (!same(fresh.plaintext, probe)) throw fail('a new ciphertext did not decrypt to its plaintext');
      if (fresh.keyMaterialId !== to) {
        throw fail(
          `a new ciphertext was made with material ${fresh.keyMaterialId ?? '(not named by KMS)'}, not ${to}`,
        );
      }
      const old = await gw.decryptNamingMaterial(key.keyId, started.probeCiphertext);
      if (!same(old.plaintext, started.probe))
        throw fail('the ciphertext made before the rotation no longer decrypts');
      if (old.keyMaterialId !== from)
        throw fail(`the old ciphertext was decrypted with ${old.keyMaterialId ?? '?'}, not ${from}`);
      const materials = await listKeyMaterials(s);
      const now = materials.find((m) => m.keyMaterialId === to);
      const before = materials.find((m) => m.keyMaterialId === from);
      if (
        now?.keyMaterialState !== 'CURRENT' ||
        now.rotationType !== 'ON_DEMAND' ||
        before?.keyMaterialState !== 'NON_CURRENT'
      ) {
        throw fail(
          'ListKeyRotations does not show the new material CURRENT (ON_DEMAND) and the old one NON_CURRENT',
        );
      }
      const statements = [
        `KMS encrypts with the new material: a new ciphertext was decrypted with key material ${to}.`,
        `Data encrypted before the rotation still decrypts, with the previous material ${from}.`,
        `ListKeyRotations shows ${to} CURRENT (rotated on demand at ${now.rotationDate}) and ${from} NON_CURRENT.`,
        ...(await proveReplicasRotated(s, to, fail)),
      ];
      s.rotation!.provenStatements = statements;
      return { fromKeyMaterialId: from, toKeyMaterialId: to, statements };
    },
    (proof) => ({ statements: proof.statements }),
  );
}
