/**
 * The app's steps for a multi-Region key across the air gap (issue 13, spec §4.4), on top of
 * ./air-gap-regions.ts: the online station fetches the replica Regions' parameters one Region at a time
 * (so the officers see each Region's progress and each Region's refusal), and "Import into <Region>"
 * continues with the wrapped bundle's material for that Region when the bundle carried it.
 */
import { AppError } from '../../errors';
import type { CeremonyState } from '../state';
import { fetchOtherRegionParameters, useAirGapRegion, type AirGapRegionInfo } from './air-gap-regions';
import { multiRegion, useRegion } from './regions';

/**
 * Online station: GetParametersForImport in one replica `region` (./air-gap-regions.ts
 * fetchOtherRegionParameters), added to the Regions the parameters bundle will carry; the Regions fetched
 * before are kept (fetching a Region again replaces its parameters). On a refusal nothing changes.
 * @throws AppError PRIMARY_REGION, and every error of fetchOtherRegionParameters (REGION_NOT_REPLICATED,
 *   REPLICA_CREATING, NO_PARAMETERS, BAD_REGION, KMS's explained error).
 */
export async function fetchRegionParameters(s: CeremonyState, region: string): Promise<AirGapRegionInfo> {
  const mr = multiRegion(s);
  if (region === mr.current)
    throw new AppError(
      'PRIMARY_REGION',
      `${region} is the Region whose parameters this station already holds (the key's own).`,
      'Fetch parameters for the replica Regions only.',
    );
  const kept = s.airGapRegions.filter((r) => r.region !== region);
  const [fetched] = await fetchOtherRegionParameters(s, [region]);
  s.airGapRegions = [...kept, ...s.airGapRegions];
  return fetched!;
}

/**
 * Online station, "Import into <Region>": when the loaded wrapped bundle carries this Region's
 * EncryptedKeyMaterial, the steps continue there with it and the Region's saved parameters (ready for the
 * approval and import); otherwise as a connected ceremony does (its own parameters, wrap…).
 * @throws AppError AIR_GAP_IMPORT_FIRST while the bundle's material for the Region it was loaded in is not
 *   imported; as useAirGapRegion or useRegion; nothing changes then.
 */
export function continueInRegion(s: CeremonyState, region: string) {
  const here = s.multiRegion?.current;
  const ownRegionPending =
    s.wrapped?.offlineCheckValue && !s.imported && !s.airGapRegions.some((r) => r.region === here);
  // The bundle's material and token for the Region it was loaded in live only in the steps' state, which a
  // Region switch clears (the other Regions' are kept per Region): leaving now would cost a new air-gap trip.
  if (ownRegionPending && region !== here)
    throw new AppError(
      'AIR_GAP_IMPORT_FIRST',
      `The wrapped bundle's material for ${here} is not imported yet; continuing in ${region} now would drop ${here}'s import parameters and wrapped material, which only a new trip across the air gap would bring back.`,
      `Import into ${here} first (step Import), then continue in ${region}; nothing was changed.`,
    );
  const fromBundle = s.airGapRegions.some((r) => r.region === region && r.wrapped && r.importToken);
  return fromBundle ? useAirGapRegion(s, region) : useRegion(s, region);
}
