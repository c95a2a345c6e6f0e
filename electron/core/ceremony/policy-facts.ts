/** The facts the policy table reads, taken from the ceremony state (and, for an import, its values). */
import { approvalsFor, approvalStatus } from './approval';
import { evaluatePolicy, type ActionId, type PolicyFacts, type Verdict } from './policy';
import type { CeremonyState } from './state';
import type { ImportRequest } from './steps/import';

/** `requestedKeyId`: the key a KMS request names (key id or ARN), checked against the selected key. */
export function policyFacts(
  s: CeremonyState,
  importRequest: ImportRequest | null = null,
  requestedKeyId: string | null = null,
): PolicyFacts {
  const keyId = s.key?.keyId ?? null;
  const imported = [...s.imports].reverse().find((i) => i.keyId === keyId);
  return {
    roles: s.log ? s.roles : null,
    hasKey: s.key !== null,
    selectedKey: s.key ? { keyId: s.key.keyId, arn: s.key.arn } : null,
    requestedKeyId,
    hasParameters: s.params !== null,
    keysCreated: s.keysCreated,
    materialCheckValue: s.material?.info.checkValue.value ?? null,
    wrapped: s.wrapped !== null,
    fingerprintConfirmedBy: s.fingerprintConfirmedBy,
    approvedBy: importRequest ? approvalsFor(s, importRequest) : (approvalStatus(s)?.approvedBy ?? []),
    // A rotation stages NEW material: not a reimport of what this ceremony imported before it began.
    importedCheckValue: rotationBegun(s) ? null : (imported?.checkValue ?? null),
    // A resumed ceremony that changed KMS before stays on the key it restored.
    multiRegion: multiRegionFacts(s),
    lockedKey: s.log
      ? (s.lockedKey ?? (s.log.changedKms() && s.key ? { keyId: s.key.keyId, arn: s.key.arn } : null))
      : null,
    rotationApprovedBy:
      s.rotation && s.rotation.keyArn === s.key?.arn ? [...(s.rotation.approval?.approvedBy ?? [])] : [],
  };
}

const rotationBegun = (s: CeremonyState) =>
  s.rotation?.keyArn === s.key?.arn && s.rotation?.begun != null && s.rotation.started === null;
/** The selected multi-Region key's primary Region and the Region the steps act in (before any switch: here). */
export function multiRegionFacts(s: CeremonyState): PolicyFacts['multiRegion'] {
  if (!s.key?.multiRegion || !s.conn) return null;
  const mr = s.multiRegion;
  if (mr && mr.keyId === s.key.keyId) return { primaryRegion: mr.primaryRegion, current: mr.current };
  return { primaryRegion: s.conn.region, current: s.conn.region };
}

/** Per action: allowed (perhaps with a confirmation to ask for) or the reason, for the renderer. */
export function policyVerdicts(s: CeremonyState): Record<ActionId, Verdict> {
  return evaluatePolicy(policyFacts(s));
}
