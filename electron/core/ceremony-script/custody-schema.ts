/**
 * The custody keys of a ceremony script (issue 11), validated with the same officer-facing messages as
 * schema.ts (whose helpers are passed in, to keep one style without an import cycle):
 *
 *   material: { components: [{ custodian: Ada, file: /media/ada/component.hex, checkValue: 8A3F1C }, …] }
 *   material: { shares: [{ sheet: ./carol.txt } | { age: ./dave.age, identity: ./dave.key }
 *                        | { age: ./erin.age, passphraseFile: ./erin.pass }, …] }
 *   backup:   { threshold: 2, shares: [{ custodian: Carol, recipient: age1… }
 *                                      | { custodian: Dave, passphraseFile: ./dave.pass }
 *                                      | { custodian: Erin, sheet: true }, …] }
 *
 * Counts follow the custody core: 2–9 components, 2 ≤ threshold ≤ shares ≤ 9; custodians are distinct
 * people by the custody name rule (trimmed, NFC, case-folded). Carrying these out is the runner's job.
 */
import * as z from 'zod';
import { custodianName } from '../custody/custodian-names';
import { MAX_COMPONENTS, MIN_COMPONENTS } from '../custody/components';
import { MAX_SHARES, MIN_SHARES } from '../custody/share';

interface Helpers {
  fields: <S extends z.ZodRawShape>(shape: S, example: string) => z.ZodObject<S, z.core.$strict>;
  text: (what: string, example: string) => z.ZodString;
  filePath: (what: string, example: string) => z.ZodString;
  exactlyOne: (
    keys: string[],
    example: string,
  ) => (value: Record<string, unknown>, ctx: z.RefinementCtx) => void;
}

export function custodySchemas({ fields, text, filePath, exactlyOne }: Helpers) {
  const custodian = text("the custodian's name", 'custodian: Carol Custodian');
  const between = (min: number, max: number, what: string, example: string) =>
    z
      .array(z.unknown())
      .min(min, `list at least ${min} ${what}; write ${example}`)
      .max(max, `list at most ${max} ${what}`);

  const ComponentSchema = fields(
    {
      custodian,
      file: filePath("the custodian's component file (hex or raw bytes)", 'file: /media/ada/component.hex'),
      checkValue: z
        .string({ error: 'write the check value the custodian brought, e.g. checkValue: 8A3F1C' })
        .regex(
          /^\s*[0-9A-Fa-f]{2}(\s?[0-9A-Fa-f]{2}){2}\s*$/,
          'write the 6 hex digits of the component check value, e.g. 8A3F1C',
        ),
    },
    '- { custodian: Ada, file: /media/ada/component.hex, checkValue: 8A3F1C }',
  );

  const shareInputExample = '- { sheet: ./carol.txt } or - { age: ./dave.age, identity: ./dave.key }';
  const ShareInputSchema = fields(
    {
      custodian: custodian.optional(),
      sheet: filePath('the typed share sheet or its QR text', 'sheet: ./carol-share.txt').optional(),
      age: filePath("the custodian's age file", 'age: ./dave-share.age').optional(),
      identity: filePath("the custodian's age identity file", 'identity: ./dave.key').optional(),
      passphraseFile: filePath(
        "a file holding the custodian's passphrase",
        'passphraseFile: ./erin.pass',
      ).optional(),
    },
    shareInputExample,
  ).superRefine((s, ctx) => {
    exactlyOne(['sheet', 'age'], shareInputExample)(s, ctx);
    if (s.age !== undefined)
      exactlyOne(['identity', 'passphraseFile'], '- { age: ./dave.age, identity: ./dave.key }')(s, ctx);
    else if (s.identity !== undefined || s.passphraseFile !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'identity: and passphraseFile: open an age: file; remove them or give age:',
      });
    }
  });

  const backupExample = '- { custodian: Carol, recipient: age1… }';
  const BackupShareSchema = fields(
    {
      custodian,
      recipient: z
        .string({ error: "write the custodian's age public key, e.g. recipient: age1ql3z7hjy…" })
        .regex(/^age1[02-9ac-hj-np-z]{20,}$/, 'write an age public key as age-keygen prints it (age1…)')
        .optional(),
      passphraseFile: filePath(
        "a file holding the custodian's passphrase",
        'passphraseFile: ./dave.pass',
      ).optional(),
      sheet: z.literal(true, { error: 'write sheet: true for a printed share sheet' }).optional(),
    },
    backupExample,
  ).superRefine(exactlyOne(['recipient', 'passphraseFile', 'sheet'], backupExample));

  const BackupSchema = fields(
    {
      threshold: z
        .number({
          error: `write how many shares rebuild the material, a whole number from ${MIN_SHARES} to ${MAX_SHARES}, e.g. threshold: 2`,
        })
        .int('write a whole number of shares')
        .min(MIN_SHARES, `write at least ${MIN_SHARES}: one share alone must never rebuild the material`)
        .max(MAX_SHARES, `write at most ${MAX_SHARES}`),
      shares: between(MIN_SHARES, MAX_SHARES, 'custodians', backupExample).pipe(z.array(BackupShareSchema)),
    },
    'backup: { threshold: 2, shares: [{ custodian: Carol, recipient: age1… }, …] }',
  ).superRefine((b, ctx) => {
    if (b.threshold > b.shares.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `${b.threshold} shares cannot be needed when only ${b.shares.length} are made; write a threshold of at most ${b.shares.length}`,
      });
    }
    distinct(b.shares, ctx, 'shares');
  });

  return {
    components: between(
      MIN_COMPONENTS,
      MAX_COMPONENTS,
      'components, one per custodian',
      '- { custodian: Ada, file: …, checkValue: … }',
    )
      .pipe(z.array(ComponentSchema))
      .superRefine((list, ctx) => distinct(list, ctx))
      .optional(),
    shares: between(MIN_SHARES, MAX_SHARES, 'shares', shareInputExample)
      .pipe(z.array(ShareInputSchema))
      .optional(),
    BackupSchema,
  };
}

/** Custodians must be different people: reported on the later duplicate, naming the earlier one. */
function distinct(list: { custodian?: string }[], ctx: z.RefinementCtx, at?: string): void {
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    if (!item.custodian) return;
    const key = custodianName(item.custodian).key;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [...(at ? [at] : []), i, 'custodian'],
        message: `"${item.custodian}" is already custodian of item ${earlier + 1}; each part needs a different person`,
      });
    } else seen.set(key, i);
  });
}

/** Rules across fields: components exist only for symmetric and HMAC keys (custody/components.ts). */
export function custodyCrossChecks(
  script: { key?: { keySpec?: string; create?: { keySpec: string } }; material?: { components?: unknown[] } },
  ctx: z.RefinementCtx,
): void {
  const keySpec = script.key?.create?.keySpec ?? script.key?.keySpec;
  if (script.material?.components && keySpec && !/^(SYMMETRIC_DEFAULT|HMAC_\d+)$/.test(keySpec)) {
    ctx.addIssue({
      code: 'custom',
      path: ['material', 'components'],
      message: `${keySpec} keys are not entered as components (only SYMMETRIC_DEFAULT and HMAC keys are); write material: { file: ... } or material: { generate: true }`,
    });
  }
}
