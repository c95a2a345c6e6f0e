/**
 * Who takes part in a ceremony (operator, witnesses, approval quorum) and the rules their names must
 * keep. One of the ceremony policy's parts (see ./policy.ts); checked in main when a ceremony starts.
 */
import { AppError } from '../errors';

/**
 * The identity a name stands for: Unicode NFC, trimmed, inner white space collapsed, case-folded
 * (upper then lower case, so "ß" and "SS" fold alike). "Sam Solo" and " sam  solo" are one person.
 */
export function personKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ').toUpperCase().toLowerCase().normalize('NFC');
}

/** How a name is shown and recorded: NFC, trimmed, inner white space collapsed (case kept). */
export function displayName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

export interface Roles {
  operator: string;
  witnesses: string[];
  /** Witness approvals the import needs (default: every witness; a ceremony script may set `approvals: M`). */
  approvals: number;
}

interface RoleRule {
  rule: string;
  /** The refusal when the rule is broken, or null. */
  broken: (r: Roles) => { message: string; hint: string } | null;
}

export const ROLE_RULES: Record<string, RoleRule> = {
  'operator-named': {
    rule: 'The operator is named.',
    broken: (r) =>
      r.operator ? null : { message: 'No operator is named.', hint: 'Type the operator’s full name.' },
  },
  'witness-present': {
    rule: 'At least one witness is named.',
    broken: (r) =>
      r.witnesses.length > 0 && r.witnesses.every(Boolean)
        ? null
        : {
            message: 'A ceremony needs at least one witness, and every witness line needs a name.',
            hint: 'Name a witness other than the operator (remove empty witness lines).',
          },
  },
  'operator-not-witness': {
    rule: 'The operator is never a witness (names compared trimmed, case-folded, Unicode NFC).',
    broken: (r) => {
      const same = r.witnesses.find((w) => personKey(w) === personKey(r.operator));
      return same === undefined
        ? null
        : {
            message: `The operator “${r.operator}” is also named as witness “${same}”: one person cannot check their own work.`,
            hint: 'Name a different person as witness.',
          };
    },
  },
  'names-distinct': {
    rule: 'All witnesses are different people (names compared trimmed, case-folded, Unicode NFC).',
    broken: (r) => {
      const seen = new Map<string, string>();
      for (const w of r.witnesses) {
        const earlier = seen.get(personKey(w));
        if (earlier !== undefined)
          return {
            message: `“${earlier}” and “${w}” name the same person.`,
            hint: 'Name each witness once; add a different person if you need another witness.',
          };
        seen.set(personKey(w), w);
      }
      return null;
    },
  },
  'quorum-in-range': {
    rule: 'The approval quorum is at least 1 and at most the number of witnesses.',
    broken: (r) =>
      Number.isInteger(r.approvals) && r.approvals >= 1 && r.approvals <= r.witnesses.length
        ? null
        : {
            message: `The import needs ${r.approvals} approvals, but ${r.witnesses.length} witness(es) are named.`,
            hint: 'Set approvals between 1 and the number of witnesses (default: every witness).',
          },
  },
};

/** Normalises the names and checks every role rule; throws ROLES_INVALID naming the first rule broken. */
export function checkRoles(req: { operator: string; witnesses: string[]; approvals?: number | null }): Roles {
  const witnesses = req.witnesses.map(displayName);
  const roles: Roles = {
    operator: displayName(req.operator),
    witnesses,
    approvals: req.approvals ?? witnesses.length,
  };
  for (const { broken } of Object.values(ROLE_RULES)) {
    const refusal = broken(roles);
    if (refusal) throw new AppError('ROLES_INVALID', refusal.message, refusal.hint);
  }
  return roles;
}

/** The named witness this name stands for, or null (the operator and strangers are not witnesses). */
export function findWitness(roles: Roles, name: string): string | null {
  return roles.witnesses.find((w) => personKey(w) === personKey(name)) ?? null;
}
