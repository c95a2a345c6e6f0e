/**
 * The policy's guards: what needs an explicit confirmation (and perhaps a recorded reason) because it
 * would otherwise replace something silently. The table in ./policy-table.ts names each action's guard.
 */
import type { PolicyFacts, Refusal } from './policy-conditions';

/** What needs an explicit confirmation because it would otherwise replace something silently. */
export const GUARDS = {
  'create-another-key': {
    says: 'A second key in one ceremony needs “Create another key” with a reason, which is recorded.',
    applies: (f: PolicyFacts) => f.keysCreated > 0,
    needsReason: true,
    refusal: (f: PolicyFacts): Refusal => ({
      code: 'KEY_ALREADY_CREATED',
      message: `This ceremony already created ${f.keysCreated === 1 ? 'a key' : `${f.keysCreated} keys`}; Create key does not make another silently.`,
      hint: 'Continue with the key created, or choose “Create another key” and give the reason.',
    }),
  },
  'replace-material': {
    says: 'Replacing key material needs confirmation; the check value now in force is recorded.',
    applies: (f: PolicyFacts) => f.materialCheckValue !== null,
    needsReason: false,
    refusal: (f: PolicyFacts): Refusal => ({
      code: 'MATERIAL_EXISTS',
      message: `Key material with check value ${f.materialCheckValue} is already held; it would be replaced.`,
      hint: 'Keep it, or confirm the replacement (the new check value is recorded as the one in force).',
    }),
  },
  reimport: {
    says: 'Importing again into the same key needs confirmation; the check value now in force is recorded.',
    applies: (f: PolicyFacts) => f.importedCheckValue !== null,
    needsReason: false,
    refusal: (f: PolicyFacts): Refusal => ({
      code: 'ALREADY_IMPORTED',
      message: `Material with check value ${f.importedCheckValue} was already imported into this key in this ceremony.`,
      hint: 'Go on to Verify, or confirm the reimport (the check value now in force is recorded).',
    }),
  },
};

export type GuardId = keyof typeof GUARDS;
