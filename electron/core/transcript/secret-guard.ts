import { AppError } from '../errors';

/**
 * Defence in depth: the transcript is shown to auditors and travels across the air gap, so nothing that
 * looks like key bytes may enter it. Callers record fingerprints, sizes and check values — never the thing.
 */
const FORBIDDEN_NAMES = new Set([
  'material',
  'keymaterial',
  'plaintext',
  'passphrase',
  'password',
  'secret',
  'privatekey',
  'token',
  'importtoken',
  'component',
  'seed',
  'pin',
  'kek',
  'aeskey',
  'ephemeralkey',
]);

/** Names under which a long hex/base64 value is expected (digests, public keys, signatures, identifiers). */
const BLOB_ALLOWED = /(sha256|sha-256|hash|fingerprint|publickey|signature|checkvalue|kcv|arn|id)$/i;
const BLOB_LIKE = /^[A-Za-z0-9+/=_-]{40,}$/;
/** File-system locations look like base64 to the pattern above; a rooted path under a path-like name is one. */
const PATH_NAME = /(path|folder|file|dir)$/i;
const ROOTED_PATH = /^(\/|[A-Za-z]:[\\/])/;

function normalisedName(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Throws AppError('TRANSCRIPT_SECRET') naming the offending path; returns silently when the value is clean. */
export function assertNoSecrets(value: unknown, path = 'details'): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return;
  if (typeof value === 'string') return;
  if (typeof value !== 'object') {
    throw refuse(path, `a ${typeof value} cannot be recorded`);
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    throw refuse(path, 'raw bytes cannot be recorded (record a SHA-256 or check value instead)');
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
    throw refuse(path, `an object of class ${(value as object).constructor?.name ?? '?'} cannot be recorded`);
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (!Array.isArray(value) && FORBIDDEN_NAMES.has(normalisedName(key))) {
      throw refuse(childPath, `the field name "${key}" is reserved for secrets`);
    }
    const name = Array.isArray(value) ? path : key;
    if (
      typeof child === 'string' &&
      BLOB_LIKE.test(child) &&
      !BLOB_ALLOWED.test(name) &&
      !(PATH_NAME.test(name) && ROOTED_PATH.test(child))
    ) {
      throw refuse(childPath, `a ${child.length}-character hex/base64 value looks like key bytes`);
    }
    assertNoSecrets(child, childPath);
  }
}

function refuse(path: string, why: string): AppError {
  return new AppError(
    'TRANSCRIPT_SECRET',
    `Refused to record ${path} in the transcript: ${why}.`,
    'Record only names, sizes, SHA-256 fingerprints and check values. Name digest fields …Sha256 / …Fingerprint.',
  );
}
