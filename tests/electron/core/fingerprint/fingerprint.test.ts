import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  PGP_EVEN_WORDS,
  PGP_ODD_WORDS,
  compareFingerprintWords,
  fingerprintHexGroups,
  fingerprintWords,
  publicKeyFingerprint,
  wordsToBytes,
} from '../../../../electron/core/fingerprint';

// Published examples of the PGP word list (the PGP fingerprint example, and a second one used by
// independent implementations' test suites).
const VECTORS: [string, string][] = [
  [
    'E58294F2E9A227486E8B061B31CC528FD7FA3F19',
    'topmost Istanbul Pluto vagabond treadmill Pacific brackish dictator goldfish Medusa afflict bravado chatter revolver Dupont midsummer stopwatch whimsical cowbell bottomless',
  ],
  [
    'D1D464C004F00FB5C9A4C8D8E433E7FB7FF56256',
    'stairway souvenir flytrap recipe adrift upcoming artist positive spearhead Pandora spaniel stupendous tonic concurrent transit Wichita lockup visitor flagpole escapade',
  ],
  ['9030E74B', 'peachy commando transit disable'],
];

describe('PGP word list', () => {
  it('has 256 two-syllable and 256 three-syllable words, all distinct, in the published (alphabetical) order', () => {
    expect(PGP_EVEN_WORDS).toHaveLength(256);
    expect(PGP_ODD_WORDS).toHaveLength(256);
    expect(new Set([...PGP_EVEN_WORDS, ...PGP_ODD_WORDS].map((w) => w.toLowerCase())).size).toBe(512);
    // The published list is alphabetical except one pair, "applicant" before "Apollo" (odd 0x09/0x0A):
    // an out-of-place word anywhere else would show up here.
    const inversions = [PGP_EVEN_WORDS, PGP_ODD_WORDS].flatMap((list) =>
      list.slice(1).flatMap((w, i) => (w.toLowerCase() < list[i]!.toLowerCase() ? [`${list[i]}>${w}`] : [])),
    );
    expect(inversions).toEqual(['applicant>Apollo']);
    expect([PGP_EVEN_WORDS[0], PGP_EVEN_WORDS[255], PGP_ODD_WORDS[0], PGP_ODD_WORDS[255]]).toEqual([
      'aardvark',
      'Zulu',
      'adroitness',
      'Yucatan',
    ]);
  });

  it.each(VECTORS)('encodes %s as the published words', (hex, words) => {
    expect(fingerprintWords(Buffer.from(hex, 'hex')).join(' ')).toBe(words);
    expect(wordsToBytes(words.toUpperCase()).toString('hex').toUpperCase()).toBe(hex);
  });

  it('groups hex in fours, upper case', () => {
    expect(fingerprintHexGroups(Buffer.from('E58294F2E9', 'hex'))).toEqual(['E582', '94F2', 'E9']);
  });

  it('tells a skipped word from an unknown one', () => {
    expect(() => wordsToBytes('topmost Pluto')).toThrow(
      /two-syllable list.*three-syllable word: a word was skipped/,
    );
    expect(() => wordsToBytes('topmost Istanbull')).toThrow(/not in the PGP word list/);
  });

  it('fingerprints a public key as the SHA-256 of its DER and compares what a witness read', () => {
    const der = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d03010703420004', 'hex');
    const fp = publicKeyFingerprint(der);
    expect(fp.sha256Hex).toBe(createHash('sha256').update(der).digest('hex'));
    expect(fp.words).toHaveLength(32);
    expect(fp.hexGroups.join('')).toBe(fp.sha256Hex.toUpperCase());
    const digest = Buffer.from(fp.sha256Hex, 'hex');
    expect(compareFingerprintWords(digest, fp.words.join(' ').toLowerCase())).toEqual({ match: true });
    const misheard = [...fp.words];
    misheard[5] = misheard[5] === 'adviser' ? 'adroitness' : 'adviser';
    expect(compareFingerprintWords(digest, misheard)).toMatchObject({ match: false, position: 6 });
    expect(compareFingerprintWords(digest, fp.words.slice(0, 31))).toMatchObject({
      match: false,
      position: 32,
      heard: '(nothing)',
    });
  });
});
