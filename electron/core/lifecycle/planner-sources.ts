/**
 * Where the expiry planner looks: the emulator (one endpoint, several Regions) or AWS (each named profile,
 * or environment credentials, in each named Region). Endpoints are held to the connection policy
 * (core/kms/endpoint-policy.ts); a host outside AWS that only the AWS config names is refused, since a
 * planner run (often unattended) has nobody to confirm it. Opening is deferred to the planner, so a Region
 * that cannot be reached is reported there and the others are still listed.
 */
import { AppError } from '../errors';
import { openConnection } from '../kms/connect';
import { approveAwsEndpoints } from '../kms/endpoint-policy';
import type { PlannerSource } from './expiry-planner';
import { AWS_REGION_NAME } from '../../shared/region-name';

/**
 * Region names as given (comma-separated lists allowed), de-duplicated in order.
 * @throws AppError USAGE naming a value that is not shaped like a Region ("eu-west-1"), or none given.
 */
export function regionList(values: readonly string[]): string[] {
  const regions = [
    ...new Set(
      values
        .flatMap((v) => v.split(','))
        .map((r) => r.trim())
        .filter(Boolean),
    ),
  ];
  if (regions.length === 0) {
    throw new AppError(
      'USAGE',
      'No Region was named.',
      'Name the Regions to plan, e.g. us-east-1, eu-west-1.',
    );
  }
  const bad = regions.find((r) => !AWS_REGION_NAME.test(r));
  if (bad) {
    throw new AppError(
      'USAGE',
      `"${bad}" is not a Region name.`,
      'Write Regions as AWS names them, e.g. eu-west-1.',
    );
  }
  return regions;
}

export function emulatorSources(endpoint: string, regions: readonly string[]): PlannerSource[] {
  return regions.map((region) => ({
    profile: null,
    region,
    open: async () => (await openConnection({ target: 'emulator', endpoint, region })).gateway,
  }));
}

/** One source per profile (null = environment credentials) and Region, profiles first. */
export function awsSources(
  profiles: readonly (string | null)[],
  regions: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): PlannerSource[] {
  return profiles.flatMap((profile) =>
    regions.map((region) => ({
      profile,
      region,
      open: async () => {
        const endpoints = await approveAwsEndpoints({ profile, region, env }, () => Promise.resolve(false));
        return (await openConnection({ target: 'aws', profile, region, endpoints, env })).gateway;
      },
    })),
  );
}
