export {
  fingerprintHexGroups,
  fingerprintWords,
  wordsToBytes,
  publicKeyFingerprint,
  compareFingerprintWords,
} from './fingerprint';
export type { PublicKeyFingerprint, FingerprintComparison } from './fingerprint';
export { PGP_EVEN_WORDS, PGP_ODD_WORDS } from './pgp-words';
