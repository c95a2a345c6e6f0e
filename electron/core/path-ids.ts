/**
 * Checks an identifier before it becomes part of a path (shared/path-ids.ts holds the patterns). Every
 * refusal is the same typed error whatever is on disk, so the answer says nothing about the file system.
 */
import { AppError } from './errors';
import { CEREMONY_ID_PATTERN, FILE_NAME_PATTERN, STATIONS } from '../shared/path-ids';

const RULES = {
  'ceremony id': CEREMONY_ID_PATTERN,
  'file name': FILE_NAME_PATTERN,
  station: new RegExp(`^(${STATIONS.join('|')})$`),
} as const;
export type PathIdKind = keyof typeof RULES;

/** A short, printable rendering of a hostile value for the message (never the whole of it). */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value;
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(cut);
}

/**
 * Returns `value` when it may name a file, else throws AppError BAD_ID naming `where` (e.g. "the
 * parameters bundle's manifest.json"). Call it before any fs call that uses the value.
 */
export function assertPathId(kind: PathIdKind, value: unknown, where: string): string {
  if (typeof value === 'string' && RULES[kind].test(value)) return value;
  throw new AppError(
    'BAD_ID',
    `The ${kind} ${shown(value)} in ${where} cannot name a file: only letters, digits, ".", "_" and "-" are allowed, starting with a letter or digit.`,
    'Nothing was read or written. Use the value exactly as this app wrote it.',
  );
}
