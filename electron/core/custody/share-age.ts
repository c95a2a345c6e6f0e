import { AppError } from '../errors';
import { readSecretFile, Secret } from '../crypto';
import { parseShareText, renderShareText } from './share-text';
import type { Share } from './share';

/**
 * A share encrypted to one custodian with age (age-encryption.org/v1, by the `age-encryption` package):
 * either to their X25519 public key ("age1…", they keep the identity "AGE-SECRET-KEY-1…" on their own
 * token or drive) or to a passphrase they type (age's scrypt recipient; work factor 2^18 by default, as the
 * age tool uses). The plaintext is the share text (share-text.ts), so a decrypted file is also a valid
 * sheet. age authenticates the whole file: a damaged or altered file does not decrypt at all.
 *
 * age takes identities and passphrases as JS strings only; they are made from the Secret just before use.
 */
export type AgeUnlock = { identity: Secret } | { passphrase: Secret };
export type AgeLock = { recipient: string } | { passphrase: Secret; workFactor?: number };

/** The age library is an ES module: loaded on first use so the CLI and main start without it. */
const loadAge = () => import('age-encryption');

export const DEFAULT_SCRYPT_WORK_FACTOR = 18;
/** Bytes; age's own advice is 8–10 random characters or 4–5 random words, so 10 is the floor. */
export const MIN_PASSPHRASE = 10;

/** Checks an age recipient before anything is split or written. Errors: BAD_RECIPIENT (naming the custodian). */
export async function checkRecipient(recipient: string, custodian: string): Promise<void> {
  const age = await loadAge();
  const trimmed = recipient.trim();
  try {
    if (!trimmed.startsWith('age1')) throw new Error('not age1');
    new age.Encrypter().addRecipient(trimmed);
  } catch {
    throw badRecipient(custodian, trimmed);
  }
}

/**
 * The rule a share's passphrase must meet (at least MIN_PASSPHRASE bytes, age's own advice), checked when a
 * custodian sets it and again when the share is encrypted. Errors: WEAK_PASSPHRASE (naming the custodian).
 */
export function checkPassphraseStrength(passphrase: Secret, custodian: string): void {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw new AppError(
      'WEAK_PASSPHRASE',
      `${custodian}'s passphrase is ${passphrase.length} characters long; a share's passphrase needs at least ${MIN_PASSPHRASE}.`,
      `${custodian} should choose a longer passphrase (4–5 random words), or receive the share as an age1… recipient or a sheet.`,
    );
  }
}

/** Encrypts the share's text for `custodian`. Errors: BAD_RECIPIENT (naming the custodian). */
export async function encryptShare(share: Share, lock: AgeLock, custodian: string): Promise<Uint8Array> {
  const age = await loadAge();
  const encrypter = new age.Encrypter();
  if ('recipient' in lock) {
    await checkRecipient(lock.recipient, custodian);
    encrypter.addRecipient(lock.recipient.trim());
  } else {
    checkPassphraseStrength(lock.passphrase, custodian);
    encrypter.setPassphrase(lock.passphrase.use((b) => b.toString('utf8')));
    encrypter.setScryptWorkFactor(lock.workFactor ?? DEFAULT_SCRYPT_WORK_FACTOR);
  }
  const text = renderShareText(share);
  try {
    return await encrypter.encrypt(text);
  } catch (error) {
    if ('recipient' in lock) throw badRecipient(custodian, lock.recipient.trim());
    throw error;
  } finally {
    text.fill(0);
  }
}

function badRecipient(custodian: string, recipient: string): AppError {
  return new AppError(
    'BAD_RECIPIENT',
    `${custodian}'s recipient "${recipient.slice(0, 12)}…" is not an age public key.`,
    `Ask ${custodian} for the "age1…" line that age-keygen printed (or choose a passphrase instead).`,
  );
}

/**
 * Decrypts an age file and parses the share inside. `source` names the file and `custodian` its holder in
 * messages. Errors: NOT_AGE, AGE_LOCKED (wrong identity or passphrase), BAD_IDENTITY, and the share-text
 * errors. The decrypted text is wiped after parsing.
 */
export async function decryptShare(
  file: Uint8Array,
  unlock: AgeUnlock,
  source: string,
  custodian?: string,
): Promise<Share> {
  const age = await loadAge();
  const named = custodian ? `${custodian}'s share file ${source}` : `the share file ${source}`;
  const who = named[0]!.toUpperCase() + named.slice(1);
  const decrypter = new age.Decrypter();
  if ('identity' in unlock) {
    try {
      decrypter.addIdentity(unlock.identity.use((b) => b.toString('utf8').trim()));
    } catch {
      throw new AppError(
        'BAD_IDENTITY',
        `The identity given for ${named} is not an age identity.`,
        'Give the file that age-keygen wrote, holding a line "AGE-SECRET-KEY-1…".',
      );
    }
  } else {
    decrypter.addPassphrase(unlock.passphrase.use((b) => b.toString('utf8')));
  }
  let text: Uint8Array;
  try {
    text = await decrypter.decrypt(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/no identity matched/.test(message)) {
      throw new AppError(
        'AGE_LOCKED',
        `${who} could not be opened with the ${'identity' in unlock ? 'identity' : 'passphrase'} given: it was encrypted to ${'identity' in unlock ? 'another recipient (or to a passphrase)' : 'another passphrase (or to a public key)'}.`,
        custodian
          ? `${custodian} should give their own ${'identity' in unlock ? 'identity file' : 'passphrase'} for this share.`
          : 'Give the identity or passphrase of the custodian this file was made for.',
      );
    }
    throw new AppError(
      'NOT_AGE',
      `${who} is not a readable age file (${message || 'unknown format'}); it may be damaged.`,
      'Use another copy of the share file, or the printed sheet.',
    );
  }
  try {
    return parseShareText(text, source);
  } finally {
    text.fill(0);
  }
}

/**
 * An age identity file (as age-keygen writes it: comment lines, then AGE-SECRET-KEY-1…): the key line only,
 * in a Secret the caller wipes. Errors: BAD_IDENTITY.
 */
export function readIdentityFile(path: string): Secret {
  const bytes = readSecretFile(path);
  try {
    const marker = Buffer.from('AGE-SECRET-KEY-');
    const start = bytes.indexOf(marker);
    if (start < 0) {
      throw new AppError(
        'BAD_IDENTITY',
        `${path} holds no age identity (a line "AGE-SECRET-KEY-1…").`,
        'Give the identity file that age-keygen wrote for this custodian.',
      );
    }
    let end = start;
    while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
    return Secret.copyOf(bytes.subarray(start, end));
  } finally {
    bytes.fill(0);
  }
}
