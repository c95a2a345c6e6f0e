/**
 * Each transcript event as people read it: a sentence for the action and its details as labelled facts
 * (hashes in the one hash format, instants in UTC and local time, nothing empty or null shown).
 */
import { createHash } from 'node:crypto';
import { formatCheckValue, formatHash, hexGroups } from '../../shared/display/hash-format';
import { formatInstant } from '../../shared/display/time-format';
import type { Json } from '../transcript';
import type { RecordStep } from './record-model';

export interface Fact {
  label: string;
  value: string;
  /** Hashes and identifiers: monospaced. */
  mono?: boolean;
}

const TITLES: Record<string, string> = {
  'transcript.opened': 'Transcript opened; the station published its signing key',
  'transcript.segment-merged': 'The offline station’s transcript was checked and merged',
  'ceremony.started': 'Ceremony started',
  'ceremony.resumed': 'Ceremony resumed',
  'ceremony.completed': 'Ceremony completed',
  'ceremony.aborted': 'Ceremony aborted',
  'kms.connected': 'Connected to KMS',
  'key.created': 'KMS key created (Origin EXTERNAL)',
  'key.described': 'KMS described the key (DescribeKey)',
  'key.enabled': 'KMS key enabled',
  'key.disabled': 'KMS key disabled',
  'parameters.fetched': 'Import parameters fetched (GetParametersForImport)',
  'parameters.restored': 'Import parameters restored from this ceremony’s saved copy',
  'parameters.read': 'Import parameters read from the bundle',
  'fingerprint.confirmed': 'A witness confirmed the wrapping public key’s fingerprint',
  'material.generated': 'Key material generated',
  'material.loaded': 'Key material loaded from a file',
  'material.cleared': 'Key material wiped from memory',
  'material.wrapped': 'Key material wrapped under the wrapping public key',
  'material.imported': 'Key material imported (ImportKeyMaterial)',
  'material.deleted-from-kms': 'Imported key material deleted from KMS (DeleteImportedKeyMaterial)',
  'import.verified': 'Proof that KMS holds the material',
  'files.saved': 'Files saved',
  'bundle.written': 'Bundle written for the other station',
  'bundle.read': 'Bundle read from the other station',
};

const LABELS: Record<string, string> = {
  account: 'Account',
  alias: 'Alias',
  checks: 'Checks',
  confirmedBy: 'Confirmed by',
  description: 'Description',
  encryptedKeyMaterialSha256: 'EncryptedKeyMaterial',
  expirationModel: 'Expiration model',
  fileName: 'File',
  fixes: 'Converted',
  formatFound: 'Format found',
  importTokenSha256: 'Import token',
  justification: 'Justification',
  keyId: 'Key ID',
  keyMaterialId: 'Key material ID',
  keySpec: 'Key spec',
  keyState: 'Key state',
  keyUsage: 'Key usage',
  label: 'Target',
  method: 'Method',
  mode: 'Mode',
  multiRegion: 'Multi-Region',
  notes: 'Notes',
  origin: 'Origin',
  parametersValidTo: 'Import parameters valid to',
  passed: 'Result',
  path: 'Folder',
  principalArn: 'Signed in as',
  publicKeySha256: 'Wrapping public key',
  reason: 'Reason',
  region: 'Region',
  size: 'Size (bytes)',
  source: 'Source',
  station: 'Station',
  stationPublicKey: 'Station signing key',
  validTo: 'Valid to',
  wrappingAlgorithm: 'Wrapping algorithm',
  wrappingKeySpec: 'Wrapping key spec',
};

/** Shown by another fact (target → label; checkValueKind → checkValue) or not for people. */
const SKIP = new Set(['target', 'checkValueKind']);

/** "encryptedKeyMaterialSha256" → "Encrypted key material sha256" for fields the table does not know. */
function humanise(name: string): string {
  const words = name
    .replace(/[._-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function plain(value: Json): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value))
    return value
      .map(plain)
      .filter((v) => v.length > 0)
      .join('; ');
  return Object.entries(value)
    .filter(([, v]) => !isEmpty(v))
    .map(([k, v]) => `${LABELS[k] ?? humanise(k)} ${plain(v)}`)
    .join(', ');
}

function isEmpty(value: Json | undefined): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** "importTokenSha256" → "Import token": the label a detail field reads as. */
export function fieldLabel(field: string): string {
  return LABELS[field] ?? humanise(field.replace(/Sha256$/, ''));
}

/** One detail as a fact, or null when there is nothing to say (null, empty list, shown elsewhere). */
export function detailFact(field: string, value: Json, details: Record<string, Json> = {}): Fact | null {
  if (SKIP.has(field) || isEmpty(value)) return null;
  const label = fieldLabel(field);
  if (typeof value === 'string' && /sha256$/i.test(field) && /^[0-9a-f]{64}$/i.test(value))
    return { label, value: formatHash(value), mono: true };
  if (field === 'checkValue' && typeof value === 'string') {
    const kind = details.checkValueKind;
    return {
      label: 'Check value',
      value: typeof kind === 'string' ? formatCheckValue({ kind, value }) : hexGroups(value),
      mono: true,
    };
  }
  if (field === 'stationPublicKey' && typeof value === 'string')
    return {
      label,
      value: formatHash(createHash('sha256').update(Buffer.from(value, 'base64')).digest('hex')),
      mono: true,
    };
  if (field === 'passed' && typeof value === 'boolean') return { label, value: value ? 'PASS' : 'FAIL' };
  if (typeof value === 'string' && /(^v|V)alidTo$|^time$|At$/.test(field) && !Number.isNaN(Date.parse(value)))
    return { label, value: formatInstant(value) };
  return { label, value: plain(value) };
}

/** The sentence for an event's action ("Key material imported (ImportKeyMaterial)"), failures marked. */
export function eventTitle(step: Pick<RecordStep, 'action' | 'result'>): string {
  const title = TITLES[step.action] ?? humanise(step.action);
  return step.result === 'error' ? `${title} — FAILED` : title;
}

/** The event's details as facts, in the order they were recorded; the error first when it failed. */
export function eventFacts(step: RecordStep): Fact[] {
  const facts: Fact[] = [];
  if (step.error)
    facts.push({ label: 'Error', value: `${step.error.code}: ${step.error.message || '(no message)'}` });
  for (const [field, value] of Object.entries(step.details)) {
    const fact = detailFact(field, value, step.details);
    if (fact) facts.push(fact);
  }
  return facts;
}
