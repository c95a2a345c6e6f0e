import { AppError } from '../errors';

/**
 * Custodian names (split knowledge, PCI PIN Security Requirement 25-1: each component or share is held by a
 * different, named person). Two spellings of one person must not count as two custodians, so names are
 * compared after trimming, collapsing inner whitespace, Unicode NFC and case folding ("Ada Officer",
 * " ada  officer", "ADA OFFICER" and the decomposed "Ada Ofﬁcer" are one person). The displayed name keeps
 * the custodian's own spelling (trimmed, NFC).
 */
export interface CustodianName {
  /** As shown and recorded: trimmed, inner whitespace collapsed, NFC. */
  display: string;
  /** The comparison key: `display` after NFKC (compatibility forms) and lower-casing. */
  key: string;
}

const MAX_NAME = 80;

/** Normalises one custodian name; throws AppError('BAD_CUSTODIAN') for an empty or over-long name. */
export function custodianName(raw: string, what = 'custodian'): CustodianName {
  const display = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (display === '') {
    throw new AppError('BAD_CUSTODIAN', `The ${what}'s name is empty.`, "Write the custodian's full name.");
  }
  if (display.length > MAX_NAME) {
    throw new AppError(
      'BAD_CUSTODIAN',
      `The ${what}'s name is ${display.length} characters long; names are at most ${MAX_NAME}.`,
      "Write the custodian's name, not a note.",
    );
  }
  // NFKC for the key only: the ligature "ﬁ" and the full-width "Ａ" compare equal to "fi" and "A".
  return { display, key: display.normalize('NFKC').toLowerCase().normalize('NFC') };
}

/**
 * Normalises a list of custodian names and refuses duplicates (by `key`), naming both spellings.
 * `others` are names that must not appear among the custodians (e.g. the operator, when the policy says so),
 * each with the role that makes it forbidden.
 */
export function distinctCustodians(
  raws: readonly string[],
  others: readonly { name: string; role: string }[] = [],
): CustodianName[] {
  const names = raws.map((raw, i) => custodianName(raw, `custodian ${i + 1}`));
  const seen = new Map<string, CustodianName>();
  for (const name of names) {
    const earlier = seen.get(name.key);
    if (earlier) {
      throw new AppError(
        'DUPLICATE_CUSTODIAN',
        `"${name.display}" and "${earlier.display}" are the same custodian; split knowledge needs a different person for each part.`,
        'Name a different custodian for each component or share.',
      );
    }
    seen.set(name.key, name);
  }
  for (const other of others) {
    const clash = seen.get(custodianName(other.name, other.role).key);
    if (clash) {
      throw new AppError(
        'CUSTODIAN_ROLE_CLASH',
        `"${clash.display}" is also the ${other.role}; the ceremony's policy needs custodians who hold no other role.`,
        `Name a custodian who is not the ${other.role}.`,
      );
    }
  }
  return names;
}
