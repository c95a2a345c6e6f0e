/** The session as the renderer may see it: descriptions only, and the policy's verdict per action. */
import type { SessionState } from '../../shared/ipc-contract';
import { approvalStatus } from './approval';
import { describeCustody } from './custody-state';
import { regionInfo } from './multi-region/air-gap-regions';
import { multiRegionFacts, policyVerdicts } from './policy-facts';
import { describeRotation } from './rotation';
import { connection, type CeremonyState } from './state';

/** What the renderer may see: descriptions only, never the material, token or connection objects. */
export function describeState(s: CeremonyState): SessionState {
  return {
    station: s.station,
    ceremony: s.log?.info() ?? null,
    connection: connection(s),
    key: s.key,
    parameters: s.params?.info ?? null,
    material: s.material?.info ?? null,
    wrapped: s.wrapped
      ? { ...s.wrapped.info, fromOfflineStation: s.wrapped.offlineCheckValue !== null }
      : null,
    parametersSource: s.parametersSource,
    imported: s.imported,
    verification: s.verification,
    fingerprintConfirmedBy: s.fingerprintConfirmedBy,
    policy: policyVerdicts(s),
    approval: approvalStatus(s),
    custody: describeCustody(s.custody),
    rotation: describeRotation(s),
    multiRegion: multiRegionView(s),
    airGapRegions: s.airGapRegions.map(regionInfo),
  };
}

/** A multi-Region key selected: its key ID, primary Region and the Region the steps act in now. */
function multiRegionView(s: CeremonyState): SessionState['multiRegion'] {
  const facts = multiRegionFacts(s);
  return facts && s.key ? { keyId: s.key.keyId, ...facts } : null;
}
