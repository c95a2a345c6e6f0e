import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { PGP_EVEN_WORDS, PGP_ODD_WORDS } from './pgp-words';

/** "E582 94F2 …": upper-case hex, `bytesPerGroup` bytes per group (2 = 4 hex digits, as PGP prints). */
export function fingerprintHexGroups(bytes: Uint8Array, bytesPerGroup = 2): string[] {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
  const groups: string[] = [];
  for (let i = 0; i < hex.length; i += bytesPerGroup * 2) groups.push(hex.slice(i, i + bytesPerGroup * 2));
  return groups;
}

/** One PGP word per byte: even positions from the two-syllable list, odd positions from the three-syllable one. */
export function fingerprintWords(bytes: Uint8Array): string[] {
  return Array.from(bytes, (byte, i) => (i % 2 === 0 ? PGP_EVEN_WORDS : PGP_ODD_WORDS)[byte] as string);
}

const EVEN_INDEX = new Map(PGP_EVEN_WORDS.map((w, i) => [w.toLowerCase(), i]));
const ODD_INDEX = new Map(PGP_ODD_WORDS.map((w, i) => [w.toLowerCase(), i]));

/**
 * Words (as typed or heard; any case, separated by spaces/commas/dashes) back to bytes. A word from the wrong
 * list at a position means a word was dropped or repeated: that is reported, not guessed around.
 */
export function wordsToBytes(words: string | string[]): Buffer {
  const list = (Array.isArray(words) ? words : words.split(/[\s,;-]+/)).filter((w) => w.length > 0);
  const out = Buffer.alloc(list.length);
  list.forEach((word, i) => {
    const key = word.toLowerCase();
    const even = i % 2 === 0;
    const index = (even ? EVEN_INDEX : ODD_INDEX).get(key);
    if (index !== undefined) {
      out[i] = index;
      return;
    }
    const other = (even ? ODD_INDEX : EVEN_INDEX).has(key);
    throw new AppError(
      'FINGERPRINT_WORD',
      other
        ? `Word ${i + 1} "${word}" belongs to the ${even ? 'three' : 'two'}-syllable list, but position ${i + 1} needs a ${even ? 'two' : 'three'}-syllable word: a word was skipped or said twice.`
        : `Word ${i + 1} "${word}" is not in the PGP word list.`,
      'Read the fingerprint again from the other station, word by word.',
    );
  });
  return out;
}

export interface PublicKeyFingerprint {
  /** SHA-256 of the exact public-key bytes (SPKI DER), lower-case hex: what manifests and transcripts store. */
  sha256Hex: string;
  hexGroups: string[];
  words: string[];
}

/** The fingerprint both stations show for the wrapping public key: SHA-256 of its DER, as hex groups and words. */
export function publicKeyFingerprint(der: Uint8Array): PublicKeyFingerprint {
  const digest = createHash('sha256').update(der).digest();
  return {
    sha256Hex: digest.toString('hex'),
    hexGroups: fingerprintHexGroups(digest),
    words: fingerprintWords(digest),
  };
}

export type FingerprintComparison =
  { match: true } | { match: false; position: number; expected: string; heard: string; message: string };

/** Compares the words a witness read on the other station with the fingerprint shown here. */
export function compareFingerprintWords(
  expected: Uint8Array,
  heard: string | string[],
): FingerprintComparison {
  const want = fingerprintWords(expected);
  const got = (Array.isArray(heard) ? heard : heard.split(/[\s,;-]+/)).filter((w) => w.length > 0);
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    const w = want[i];
    const g = got[i];
    if (w?.toLowerCase() !== g?.toLowerCase()) {
      return {
        match: false,
        position: i + 1,
        expected: w ?? '(nothing more)',
        heard: g ?? '(nothing)',
        message: `Word ${i + 1}: this station shows "${w ?? '(end)'}", the other station read "${g ?? '(end)'}".`,
      };
    }
  }
  return { match: true };
}
