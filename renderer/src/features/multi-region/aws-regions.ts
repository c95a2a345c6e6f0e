/**
 * The AWS commercial Regions offered as replica Regions (AWS General Reference, "AWS Regions"). Opt-in
 * Regions must be enabled for the account before KMS can replicate there; main's refusal says so. A Region
 * not listed can be typed; main checks its name against the same pattern (electron/shared/region-name.ts).
 */
export interface AwsRegion {
  name: string;
  place: string;
  optIn: boolean;
}

export const AWS_REGIONS: readonly AwsRegion[] = [
  { name: 'us-east-1', place: 'N. Virginia', optIn: false },
  { name: 'us-east-2', place: 'Ohio', optIn: false },
  { name: 'us-west-1', place: 'N. California', optIn: false },
  { name: 'us-west-2', place: 'Oregon', optIn: false },
  { name: 'ca-central-1', place: 'Canada (Central)', optIn: false },
  { name: 'eu-west-1', place: 'Ireland', optIn: false },
  { name: 'eu-west-2', place: 'London', optIn: false },
  { name: 'eu-west-3', place: 'Paris', optIn: false },
  { name: 'eu-central-1', place: 'Frankfurt', optIn: false },
  { name: 'eu-north-1', place: 'Stockholm', optIn: false },
  { name: 'eu-south-1', place: 'Milan', optIn: true },
  { name: 'ap-northeast-1', place: 'Tokyo', optIn: false },
  { name: 'ap-northeast-2', place: 'Seoul', optIn: false },
  { name: 'ap-southeast-1', place: 'Singapore', optIn: false },
  { name: 'ap-southeast-2', place: 'Sydney', optIn: false },
  { name: 'ap-south-1', place: 'Mumbai', optIn: false },
  { name: 'ap-east-1', place: 'Hong Kong', optIn: true },
  { name: 'sa-east-1', place: 'São Paulo', optIn: false },
  { name: 'me-south-1', place: 'Bahrain', optIn: true },
  { name: 'af-south-1', place: 'Cape Town', optIn: true },
];
