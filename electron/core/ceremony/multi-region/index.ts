/**
 * The multi-Region ceremony (issue 13, spec §4.4): import into the primary (the usual steps), replicate,
 * wait while each replica is Creating, then in each replica Region the usual steps again — its own
 * parameters, fingerprint confirmation, wrap of the same material, approval, import — and the proof that
 * the Region holds the same KeyMaterialId. Resumable: the status is read from KMS.
 */
export { multiRegion, useRegion } from './regions';
export { replicateConfirmed, replicateTo, waitForReplicas, type ReplicaProgress } from './replicate';
export { multiRegionStatus, proveRegion, type RegionStatus } from './region-proof';
export {
  confirmRegionFingerprint,
  fetchOtherRegionParameters,
  regionInfo,
  restoreOtherRegions,
  savedOtherRegions,
  useAirGapRegion,
  wrapOtherRegions,
  type AirGapRegionInfo,
} from './air-gap-regions';
