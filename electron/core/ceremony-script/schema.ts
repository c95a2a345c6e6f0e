/**
 * The declared ceremony (`kms-ceremony run <ceremony.yaml|json>`, issue 6): one zod schema whose every
 * message says which field is wrong and what to write instead, so an officer can fix a script without
 * reading code. Cross-field rules that depend only on the script (online vs offline) live here; rules that
 * depend on the run flags (--until, --from) live in `plan.ts`.
 */
import * as z from 'zod';
import {
  IMPORTABLE_KEY_SPECS,
  isKeySpec,
  keyUsagesFor,
  MATERIAL_FORMATS,
  WRAPPING_ALGORITHMS,
  WRAPPING_KEY_SPECS,
} from '../crypto';
import { MAX_VALID_DAYS } from '../ceremony/expiration';
import { custodyCrossChecks, custodySchemas } from './custody-schema';
import { replicasCrossChecks, replicasSchema } from './replicas-schema';
import { AWS_REGION_NAME } from '../../shared/region-name';
import { rotationCrossChecks, rotationSchema } from './rotation-schema';

const list = (values: readonly string[]) => values.join(', ');

/** A strict object whose unknown fields are named together with the fields it does know. */
function fields<S extends z.ZodRawShape>(shape: S, example: string) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; the fields here are: ${list(Object.keys(shape))}`
        : issue.input === undefined
          ? `missing; write ${example}`
          : `expected a mapping of fields; write ${example}`,
  });
}

function text(what: string, example: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `missing; write ${what}, e.g. ${example}`
          : `write ${what} as text, e.g. ${example}`,
    })
    .trim()
    .min(1, `empty; write ${what}, e.g. ${example}`);
}

function oneOf<T extends string>(values: readonly T[], what: string) {
  return z
    .string({ error: `write ${what}: one of ${list(values)}` })
    .refine((v): v is T => (values as readonly string[]).includes(v), {
      error: (issue) => `"${String(issue.input)}" is not ${what}; write one of ${list(values)}`,
    });
}

const filePath = (what: string, example: string) => text(`the path of ${what}`, example);

/** Exactly one of `keys` must be present (YAML has no unions an officer can read). */
function exactlyOne(keys: string[], example: string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const present = keys.filter((k) => value[k] !== undefined);
    if (present.length === 1) return;
    ctx.addIssue({
      code: 'custom',
      message:
        present.length === 0
          ? `give one of ${list(keys)}; write ${example}`
          : `give only one of ${list(present)}, not several; write ${example}`,
    });
  };
}

const usableAlgorithms = WRAPPING_ALGORITHMS.filter((a) => a !== 'RSAES_PKCS1_V1_5' && a !== 'SM2PKE');
const usableWrappingKeySpecs = WRAPPING_KEY_SPECS.filter((s) => s !== 'SM2');

const TargetSchema = fields(
  {
    emulator: fields(
      {
        /** Left out: `kms-ceremony run` starts an embedded emulator (data folder beside the output). */
        endpoint: z.url({ error: 'write the emulator URL, e.g. endpoint: http://127.0.0.1:4599' }).optional(),
        region: text('a Region', 'region: us-east-1').optional(),
      },
      'emulator: {} (an embedded emulator) or emulator: { endpoint: http://127.0.0.1:4599 }',
    ).optional(),
    aws: fields(
      {
        profile: text('an AWS CLI profile name', 'profile: prod-security').optional(),
        region: text('the AWS Region of the key', 'region: eu-west-1'),
        endpoint: z
          .url({ error: 'write a URL, e.g. endpoint: https://kms.eu-west-1.amazonaws.com' })
          .optional(),
        /** The other Regions' own endpoints (a multi-Region key), e.g. each Region's VPC endpoint. */
        endpoints: z
          .record(
            z.string().regex(AWS_REGION_NAME),
            z.url({ error: 'write a URL, e.g. us-west-2: https://kms.us-west-2.amazonaws.com' }),
            {
              error: (issue) =>
                issue.code === 'invalid_key'
                  ? 'name each Region as AWS names it, e.g. endpoints: { us-west-2: https://… }'
                  : 'write a mapping of Region to URL, e.g. endpoints: { us-west-2: https://… }',
            },
          )
          .optional(),
      },
      'aws: { profile: prod-security, region: eu-west-1 }',
    ).optional(),
  },
  'target: { emulator: { endpoint: http://127.0.0.1:4599 } } or target: { aws: { region: eu-west-1 } }',
).superRefine(exactlyOne(['emulator', 'aws'], 'target: { emulator: { endpoint: http://127.0.0.1:4599 } }'));

const keySpecField = oneOf(IMPORTABLE_KEY_SPECS, 'an importable key spec');

const KeySchema = fields(
  {
    id: text('a key id, key ARN or alias', 'id: alias/payments-2027').optional(),
    /** Optional with `id`: the key spec the officers expect; the run refuses a key of another spec. */
    keySpec: keySpecField.optional(),
    create: fields(
      {
        keySpec: keySpecField,
        keyUsage: text('the key usage', 'keyUsage: ENCRYPT_DECRYPT').optional(),
        description: z.string({ error: 'write the description as text' }).optional(),
        alias: z
          .string({ error: 'write the alias as text, e.g. alias: alias/payments-2027' })
          .regex(
            /^alias\/[a-zA-Z0-9/_-]+$/,
            'write an alias that starts with alias/, e.g. alias/payments-2027',
          )
          .optional(),
        multiRegion: z.boolean({ error: 'write true or false' }).optional(),
      },
      'create: { keySpec: SYMMETRIC_DEFAULT }',
    )
      .superRefine((create, ctx) => {
        if (!isKeySpec(create.keySpec)) return;
        const usages: string[] = keyUsagesFor(create.keySpec);
        if (create.keyUsage === undefined && usages.length > 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['keyUsage'],
            message: `missing; ${create.keySpec} keys can be ${usages.join(' or ')}: write keyUsage: ${usages[0]}`,
          });
        } else if (create.keyUsage !== undefined && !usages.includes(create.keyUsage)) {
          ctx.addIssue({
            code: 'custom',
            path: ['keyUsage'],
            message: `${create.keySpec} keys cannot have usage ${create.keyUsage}; write keyUsage: ${usages.join(' or ')}`,
          });
        }
      })
      .optional(),
  },
  'key: { create: { keySpec: SYMMETRIC_DEFAULT } } or key: { id: alias/my-key }',
);

const WrappingSchema = fields(
  {
    algorithm: oneOf(usableAlgorithms, 'a wrapping algorithm').optional(),
    keySpec: oneOf(usableWrappingKeySpecs, 'a wrapping key spec').optional(),
  },
  'wrapping: { algorithm: RSAES_OAEP_SHA_256, keySpec: RSA_4096 } (or leave wrapping out for the recommended one)',
);

const custody = custodySchemas({ fields, text, filePath, exactlyOne });

const MaterialSchema = fields(
  {
    generate: z.literal(true, { error: 'write generate: true (or give file: instead)' }).optional(),
    components: custody.components,
    shares: custody.shares,
    file: filePath('the key material file', 'file: ./material/key.bin').optional(),
    format: oneOf(MATERIAL_FORMATS, 'a material format').optional(),
    passphraseFile: filePath(
      'a file holding the passphrase',
      'passphraseFile: ./material/pass.txt',
    ).optional(),
  },
  'material: { generate: true } or material: { file: ./key.pem }',
).superRefine((m, ctx) => {
  exactlyOne(
    ['generate', 'file', 'components', 'shares'],
    'material: { generate: true } or material: { file: ./key.pem }',
  )(m, ctx);
  for (const only of ['format', 'passphraseFile'] as const) {
    if (m[only] !== undefined && m.file === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [only],
        message: `only with file:; remove ${only} or give file:`,
      });
    }
  }
});

const ExpirationSchema = fields(
  {
    validForDays: z
      .number({ error: `write a whole number of days from 1 to ${MAX_VALID_DAYS}, e.g. validForDays: 90` })
      .int(`write a whole number of days from 1 to ${MAX_VALID_DAYS}`)
      .min(1, 'write at least 1 (day)')
      .max(
        MAX_VALID_DAYS,
        `KMS allows at most ${MAX_VALID_DAYS} days; write ${MAX_VALID_DAYS} or fewer, or use doesNotExpire`,
      )
      .optional(),
    validTo: z.iso
      .datetime({
        offset: true,
        error: 'write an ISO 8601 time with its zone, e.g. validTo: 2027-06-30T00:00:00Z',
      })
      .optional(),
    doesNotExpire: fields(
      { justification: text('why this key material must not expire', 'justification: "escrowed root key"') },
      'doesNotExpire: { justification: "why" }',
    ).optional(),
  },
  'expiration: { validForDays: 90 }',
).superRefine(exactlyOne(['validForDays', 'validTo', 'doesNotExpire'], 'expiration: { validForDays: 90 }'));

const FingerprintSchema = fields(
  {
    witness: text('the witness who read the fingerprint aloud', 'witness: Wes Witness'),
    heardWords: text(
      'the PGP words the witness read on the other station',
      'heardWords: "topmost Istanbul Pluto vagabond …"',
    ).optional(),
  },
  'fingerprint: { witness: Wes Witness, heardWords: "topmost Istanbul …" }',
);

export const STATIONS = ['online', 'offline'] as const;

export const CeremonyScriptSchema = fields(
  {
    ceremony: fields(
      {
        operator: text("the lead officer's name", 'operator: Ada Officer'),
        witnesses: z
          .array(text("a witness's name", '- Wes Witness'), {
            error: 'write a list of names, e.g. witnesses: [Wes Witness]',
          })
          .default([]),
        approvals: z
          .number({ error: 'write how many witnesses must approve the import, e.g. approvals: 1' })
          .int()
          .positive()
          .optional(),
      },
      'ceremony: { operator: Ada Officer, witnesses: [Wes Witness] }',
    ),
    station: oneOf(STATIONS, 'a station').default('online'),
    target: TargetSchema.optional(),
    key: KeySchema.optional(),
    parameters: filePath(
      'the parameters bundle (folder or zip), console download or CLI JSON',
      'parameters: /media/usb/<ceremony>-parameters',
    ).optional(),
    wrapping: WrappingSchema.optional(),
    material: MaterialSchema.optional(),
    backup: custody.BackupSchema.optional(),
    expiration: ExpirationSchema.optional(),
    fingerprint: FingerprintSchema.optional(),
    /** The witnesses who approve the import request (bound to the values the run prints, in the transcript). */
    approvedBy: z
      .array(text("an approving witness's name", '- Wes Witness'), {
        error: 'write a list of witnesses, e.g. approvedBy: [Wes Witness]',
      })
      .optional(),
    rotation: rotationSchema({ fields, text }).optional(),
    replicas: replicasSchema({ fields, text }).optional(),
    output: filePath('the folder for bundles and the ceremony record', 'output: ./out'),
  },
  'ceremony:, target:, key:, material:, expiration: and output: (see examples/symmetric-rehearsal.yaml)',
).superRefine(
  (script, ctx) => {
    for (const rule of STATION_RULES[script.station] ?? []) {
      const present = script[rule.field] !== undefined;
      if (present !== rule.required)
        ctx.addIssue({ code: 'custom', path: [rule.field], message: rule.message });
    }
    if (script.key?.create && script.key.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['key'],
        message: 'give id: (an existing key) or create: (a new one), not both',
      });
    }
    if (script.station === 'online' && script.key && !script.key.create && !script.key.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['key'],
        message:
          'give id: (an existing key) or create: (a new one); write key: { create: { keySpec: SYMMETRIC_DEFAULT } }',
      });
    }
    if (script.station === 'offline' && (script.key?.id || script.key?.create)) {
      ctx.addIssue({
        code: 'custom',
        path: ['key'],
        message:
          'the offline station knows the key from the parameters bundle; keep at most key: { keySpec: ... } (needed only for a console download or CLI JSON)',
      });
    }
    custodyCrossChecks(script, ctx);
    rotationCrossChecks(script, ctx);
    replicasCrossChecks(script, ctx);
    // Also when fields inside have problems: an officer should see every mistake in one run.
  },
  { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
);

type Field = keyof z.infer<typeof CeremonyScriptSchema>;

/** What each station must (and must not) declare: the offline station never talks to KMS. */
const STATION_RULES: Record<
  (typeof STATIONS)[number],
  { field: Field; required: boolean; message: string }[]
> = {
  online: [
    {
      field: 'target',
      required: true,
      message:
        'missing; write target: { emulator: { endpoint: http://127.0.0.1:4599 } } or target: { aws: { region: ... } }',
    },
    {
      field: 'key',
      required: true,
      message: 'missing; write key: { create: { keySpec: SYMMETRIC_DEFAULT } } or key: { id: alias/my-key }',
    },
    {
      field: 'parameters',
      required: false,
      message:
        'only for station: offline (the online station fetches parameters from KMS); remove it, or write station: offline',
    },
  ],
  offline: [
    {
      field: 'parameters',
      required: true,
      message:
        'missing; the offline station starts from the parameters bundle: write parameters: /media/usb/<ceremony>-parameters',
    },
    {
      field: 'target',
      required: false,
      message: 'the offline (air-gapped) station never connects to KMS; remove target:',
    },
  ],
};

export type CeremonyScript = z.infer<typeof CeremonyScriptSchema>;
