/**
 * The `replicas:` key of a ceremony script (issue 13): after the import into a multi-Region primary, the same
 * material goes into each replica Region, one ceremony and one transcript:
 *
 *   key: { create: { keySpec: SYMMETRIC_DEFAULT, multiRegion: true } }   # or { id: mrk-… } to resume
 *   replicas: { regions: [eu-west-1, ap-southeast-2], waitSeconds: 900 }
 *
 * Validated with the same officer-facing messages as schema.ts (whose helpers are passed in).
 */
import * as z from 'zod';
import { AWS_REGION_NAME } from '../../shared/region-name';

interface Helpers {
  fields: <S extends z.ZodRawShape>(shape: S, example: string) => z.ZodObject<S, z.core.$strict>;
  text: (what: string, example: string) => z.ZodString;
}

const EXAMPLE = 'replicas: { regions: [eu-west-1, ap-southeast-2] }';

export function replicasSchema({ fields, text }: Helpers) {
  return fields(
    {
      regions: z
        .array(text('a Region', '- eu-west-1'), { error: `write the replica Regions; write ${EXAMPLE}` })
        .min(1, `name at least one Region; write ${EXAMPLE}`)
        .refine((regions) => regions.every((r) => AWS_REGION_NAME.test(r)), {
          message: 'a Region is not written as AWS names it; write e.g. eu-west-1, in lower case',
        })
        .refine((regions) => new Set(regions).size === regions.length, {
          message: 'a Region is named twice; name each replica Region once',
        }),
      waitSeconds: z
        .number({ error: 'write how many seconds to wait for the replicas, e.g. waitSeconds: 900' })
        .int()
        .min(1)
        .max(86_400)
        .optional(),
    },
    EXAMPLE,
  );
}

/** Replicas need the online station, and a multi-Region key (created here, or named to resume). */
export function replicasCrossChecks(
  script: {
    replicas?: { regions?: string[] };
    rotation?: unknown;
    station: string;
    key?: { id?: string; create?: { multiRegion?: boolean; keySpec?: string } };
    target?: { aws?: { region?: string; endpoint?: string; endpoints?: Record<string, string> } };
  },
  ctx: z.RefinementCtx,
): void {
  const aws = script.target?.aws;
  if (
    aws?.endpoint &&
    aws.region &&
    aws.endpoints?.[aws.region] &&
    aws.endpoints[aws.region] !== aws.endpoint
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['target', 'aws', 'endpoints', aws.region],
      message: `${aws.region} is the target's own Region, whose endpoint is target.aws.endpoint; remove it here`,
    });
  }
  if (script.replicas === undefined) return;
  // A script's own endpoint (a VPC endpoint, a proxy) is for its Region: each other Region needs its own.
  const missing = (script.replicas.regions ?? []).filter((r) => aws?.endpoint && !aws.endpoints?.[r]);
  if (missing.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['target', 'aws', 'endpoints'],
      message: `target.aws.endpoint is ${aws!.region}'s own endpoint, and ${missing.join(', ')} ${missing.length > 1 ? 'have' : 'has'} none; write endpoints: { ${missing.map((r) => `${r}: https://…`).join(', ')} } (each Region's own, e.g. its VPC endpoint), or leave out endpoint: to use the AWS config's or AWS's endpoints in every Region`,
    });
  }
  if (script.station !== 'online') {
    ctx.addIssue({
      code: 'custom',
      path: ['replicas'],
      message: 'replicas are imported on the online station',
    });
  }
  if (script.rotation !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['replicas'],
      message:
        'rotation: of a multi-Region primary takes its new material into every existing replica by itself; leave out replicas:',
    });
  }
  if (script.key?.create && script.key.create.multiRegion !== true) {
    ctx.addIssue({
      code: 'custom',
      path: ['key', 'create', 'multiRegion'],
      message: 'replicas need a multi-Region key; write multiRegion: true',
    });
  }
  if (script.key?.create?.keySpec !== undefined && script.key.create.keySpec !== 'SYMMETRIC_DEFAULT') {
    ctx.addIssue({
      code: 'custom',
      path: ['replicas'],
      message: `replicas of a ${script.key.create.keySpec} key cannot be proven yet (only SYMMETRIC_DEFAULT material has a KeyMaterialId to compare); leave out replicas:`,
    });
  }
}
