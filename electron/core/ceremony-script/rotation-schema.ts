/**
 * The `rotation:` key of a ceremony script (issue 13): rotate an existing symmetric EXTERNAL key to new
 * material in one go. The script's usual fields make and import the material (imported as
 * NEW_KEY_MATERIAL); this key adds what the rotation needs:
 *
 *   key: { id: alias/payments }
 *   rotation:
 *     description: 2027 rotation            # optional KeyMaterialDescription
 *     approvedBy: [Wes Witness, Vic Verifier] # the witnesses who approve RotateKeyOnDemand
 *     waitSeconds: 600                        # optional: how long to wait for KMS to complete it
 *
 * Validated with the same officer-facing messages as schema.ts (whose helpers are passed in).
 */
import * as z from 'zod';

interface Helpers {
  fields: <S extends z.ZodRawShape>(shape: S, example: string) => z.ZodObject<S, z.core.$strict>;
  text: (what: string, example: string) => z.ZodString;
}

const EXAMPLE = 'rotation: { description: 2027 rotation, approvedBy: [Wes Witness] }';

export function rotationSchema({ fields, text }: Helpers) {
  return fields(
    {
      description: text('the new key material description', 'description: 2027 rotation').optional(),
      approvedBy: z.array(text("an approving witness's name", '- Wes Witness'), {
        error: `write the witnesses who approve the rotation; write ${EXAMPLE}`,
      }),
      waitSeconds: z
        .number({ error: 'write how many seconds to wait for the rotation, e.g. waitSeconds: 600' })
        .int()
        .min(1)
        .max(86_400)
        .optional(),
    },
    EXAMPLE,
  );
}

/** A rotation needs an existing key on the online station, new material and its expiry. */
export function rotationCrossChecks(
  script: { rotation?: unknown; station: string; key?: { id?: string; create?: unknown } },
  ctx: z.RefinementCtx,
): void {
  if (script.rotation === undefined) return;
  if (script.station !== 'online') {
    ctx.addIssue({
      code: 'custom',
      path: ['rotation'],
      message: 'a rotation runs on the online station in one go',
    });
  }
  if (!script.key?.id || script.key.create) {
    ctx.addIssue({
      code: 'custom',
      path: ['key'],
      message: 'a rotation rotates an existing key; write key: { id: alias/my-key }',
    });
  }
}
