import type { KeyObject } from 'node:crypto';
import { fingerprintHexGroups, fingerprintWords } from '../fingerprint';
import { readTranscript, type Json, type Station, type TranscriptVerification } from '../transcript';
import { regionResults, type RecordRegion } from './record-regions';
import { recordKeyArn, stepOf } from './record-steps';

export const RECORD_FORMAT = 'kms-ceremony/record';
export const RECORD_VERSION = 1;

export interface RecordStep {
  station: Station;
  seq: number;
  time: string;
  action: string;
  result: 'ok' | 'error' | 'info';
  keyArn: string | null;
  details: Record<string, Json>;
  error?: { code: string; message: string };
}

export interface RecordFingerprint {
  /** Where it was recorded, e.g. "online #5 parameters.fetched". */
  recordedAt: string;
  field: string;
  sha256: string;
  hexGroups: string[];
  /** PGP words, only for the wrapping public key (what witnesses read aloud). */
  words?: string[];
}

/** A check value as the record shows it: which one KMS holds, which were replaced before import. */
export interface RecordCheckValue {
  recordedAt: string;
  field: string;
  value: Json;
  /** AES-CMAC, HMAC, SPKI-SHA256, when the event names it. */
  kind?: string;
  /**
   * imported: the material in force at the (last) successful ImportKeyMaterial; replaced: superseded by
   * later material before that import; not imported: no import followed it.
   */
  status: 'imported' | 'replaced' | 'not imported';
}

/** The answer to "what was imported where", read from the events (null where the transcript does not say). */
export interface RecordSummary {
  /** 'emulator' = a rehearsal against the local emulator; 'aws' = real AWS KMS; null = not connected here. */
  target: 'emulator' | 'aws' | null;
  rehearsal: boolean;
  targetLabel: string | null;
  region: string | null;
  account: string | null;
  keyArn: string | null;
  alias: string | null;
  keySpec: string | null;
  wrapping: { algorithm: string; keySpec: string | null } | null;
  /** SHA-256 (hex) of the wrapping public key the witnesses confirmed, with its PGP words. */
  wrappingKeySha256: string | null;
  checkValue: { kind: string | null; value: string } | null;
  imported: {
    at: string;
    expirationModel: string | null;
    validTo: string | null;
    keyMaterialId: string | null;
  } | null;
  proof: { method: string; passed: boolean; checks: string[] } | null;
  /** The witnesses whose approval of exactly the import sent was counted (event material.imported). */
  approvedBy: string[];
  /** A rotation of imported material (issue 13: events rotation.begun … rotation.verified), or null. */
  rotation: {
    fromKeyMaterialId: string | null;
    toKeyMaterialId: string | null;
    completed: boolean;
    approvedBy: string[];
  } | null;
  /** A multi-Region ceremony's per-Region results (./record-regions.ts); null for a single Region. */
  regions: RecordRegion[] | null;
}

export interface CeremonyRecord {
  format: typeof RECORD_FORMAT;
  version: typeof RECORD_VERSION;
  generatedAt: string;
  ceremonyId: string;
  keyArn: string | null;
  operator: string;
  witnesses: string[];
  /**
   * The transcript this record witnesses: its last event's line hash and the number of events.
   * `kms-ceremony verify-transcript --record <record.json>` checks a transcript file against it, so a
   * transcript cut short at its end is caught. `headHash` is null when the transcript was not intact.
   */
  transcript: { ceremonyId: string; eventCount: number; headHash: string | null; closed: boolean };
  verification: {
    intact: boolean;
    message: string;
    trusted: boolean;
    complete: boolean;
    events: number;
    headHash: string | null;
    problem?: string;
    firstBadEvent?: number;
  };
  summary: RecordSummary;
  stations: { station: Station; stationKeyId: string; events: number; headHash: string }[];
  /** Every step in order; an offline segment's steps appear just before the online event that merged them. */
  steps: RecordStep[];
  fingerprints: RecordFingerprint[];
  checkValues: RecordCheckValue[];
  confirmations: { recordedAt: string; details: Record<string, Json> }[];
}

const PUBLIC_KEY_FIELD = /^(wrapping)?publicKeySha256$/i;

/**
 * The ceremony record (for people: HTML/PDF; for machines: this JSON) built from a station's transcript.
 * `verified`: as readTranscript's — the verdict of verifying exactly `transcript` with exactly `trustedKeys`.
 */
export function buildCeremonyRecord(
  transcript: string | Uint8Array,
  options: {
    trustedKeys?: (string | Uint8Array | KeyObject)[];
    generatedAt?: Date;
    verified?: TranscriptVerification;
  } = {},
): CeremonyRecord {
  const { verification, lines } = readTranscript(
    transcript,
    options.trustedKeys ? { trustedKeys: options.trustedKeys } : {},
    options.verified,
  );
  const steps: RecordStep[] = [];
  for (const line of lines) {
    if (!line.event) continue;
    for (const e of line.segmentEvents ?? []) steps.push(stepOf(e));
    steps.push(stepOf(line.event));
  }
  const main = lines.find((l) => l.event)?.event;
  const last = [...lines].reverse().find((l) => l.event)?.event;
  const label = (s: RecordStep) => `${s.station} #${s.seq} ${s.action}`;

  const fingerprints: RecordFingerprint[] = [];
  const seen = new Set<string>();
  const checkValues: Omit<RecordCheckValue, 'status'>[] = [];
  const checkValueSteps: number[] = [];
  for (const [index, step] of steps.entries()) {
    for (const [field, value] of Object.entries(step.details)) {
      if (
        typeof value === 'string' &&
        /sha256$/i.test(field) &&
        /^[0-9a-f]{64}$/.test(value) &&
        !seen.has(`${field}:${value}`)
      ) {
        seen.add(`${field}:${value}`);
        const bytes = Buffer.from(value, 'hex');
        fingerprints.push({
          recordedAt: label(step),
          field,
          sha256: value,
          hexGroups: fingerprintHexGroups(bytes),
          ...(PUBLIC_KEY_FIELD.test(field) ? { words: fingerprintWords(bytes) } : {}),
        });
      }
      const seenAt = checkValues.findIndex((c) => c.value === value);
      // A value seen again (wrapped, or the same material reloaded) counts from its latest event.
      if (/^(checkvalue|kcv)$/i.test(field) && seenAt >= 0) checkValueSteps[seenAt] = index;
      else if (/^(checkvalue|kcv)$/i.test(field)) {
        const kind = step.details.checkValueKind;
        checkValueSteps.push(index);
        checkValues.push({
          recordedAt: label(step),
          field,
          value,
          ...(typeof kind === 'string' ? { kind } : {}),
        });
      }
    }
  }
  const stations: CeremonyRecord['stations'] = [];
  if (verification.intact) {
    stations.push({
      station: verification.station,
      stationKeyId: verification.stationKeyId,
      events: verification.events,
      headHash: verification.headHash,
    });
    for (const s of verification.segments)
      stations.push({
        station: s.station,
        stationKeyId: s.stationKeyId,
        events: s.events,
        headHash: s.headHash,
      });
  }
  const ceremonyId = main?.ceremonyId ?? '(unknown)';
  const statuses = checkValueStatuses(steps, checkValueSteps);
  const withStatus = checkValues.map((c, i) => ({ ...c, status: statuses[i]! }));
  return {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    ceremonyId,
    keyArn: [...steps].reverse().find((s) => s.keyArn)?.keyArn ?? null,
    operator: last?.operator ?? '',
    witnesses: last?.witnesses ?? [],
    transcript: {
      ceremonyId,
      eventCount: verification.intact ? verification.events : verification.intactEvents,
      headHash: verification.intact ? verification.headHash : null,
      closed: verification.intact && verification.complete,
    },
    verification: verification.intact
      ? {
          intact: true,
          message: verification.message,
          trusted: verification.trusted,
          complete: verification.complete,
          events: verification.events,
          headHash: verification.headHash,
        }
      : {
          intact: false,
          message: verification.message,
          trusted: options.trustedKeys !== undefined,
          complete: false,
          events: verification.intactEvents,
          headHash: null,
          problem: verification.problem,
          firstBadEvent: verification.firstBadEvent,
        },
    summary: summarise(steps, withStatus),
    stations,
    steps,
    fingerprints,
    checkValues: withStatus,
    confirmations: steps
      .filter((s) => s.action === 'fingerprint.confirmed')
      .map((s) => ({ recordedAt: label(s), details: s.details })),
  };
}

/**
 * Which check value KMS holds: the last one recorded up to and including the last successful
 * material.imported (which names the check value of the material it sent) is "imported", those before it
 * "replaced" (regenerated or reloaded), any after it "not imported". Without an import, the latest is
 * "not imported" and earlier ones "replaced".
 */
function checkValueStatuses(steps: RecordStep[], stepIndexes: number[]): RecordCheckValue['status'][] {
  const importedAt = steps.findLastIndex((s) => s.action === 'material.imported' && s.result === 'ok');
  const before = stepIndexes.filter((at) => importedAt >= 0 && at <= importedAt);
  const inForce = before.length > 0 ? stepIndexes.indexOf(Math.max(...before)) : -1;
  const latest = stepIndexes.indexOf(Math.max(...stepIndexes));
  return stepIndexes.map((at, i) => {
    if (i === inForce) return 'imported';
    if (importedAt >= 0) return at <= importedAt ? 'replaced' : 'not imported';
    return i === latest ? 'not imported' : 'replaced';
  });
}

const str = (v: Json | undefined): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function summarise(steps: RecordStep[], checkValues: RecordCheckValue[]): RecordSummary {
  const last = (action: string, ok = true) =>
    [...steps].reverse().find((s) => s.action === action && (!ok || s.result === 'ok'));
  const connected = last('kms.connected');
  const created = last('key.created');
  const params = last('parameters.fetched') ?? last('parameters.read') ?? last('parameters.restored');
  const imported = last('material.imported');
  // A rotation's proof is of the rotation (KMS encrypts with the new material, older data still decrypts).
  const verified = last('import.verified', false) ?? last('rotation.verified', false);
  const target = str(connected?.details.target);
  const keyArn = recordKeyArn(steps);
  const cv = checkValues.find((c) => c.status === 'imported') ?? checkValues.at(-1);
  const algorithm = str(params?.details.wrappingAlgorithm);
  return {
    target: target === 'emulator' ? 'emulator' : target ? 'aws' : null,
    rehearsal: target === 'emulator',
    targetLabel: str(connected?.details.label),
    region: str(connected?.details.region) ?? (keyArn ? (keyArn.split(':')[3] ?? null) : null),
    account: str(connected?.details.account) ?? (keyArn ? (keyArn.split(':')[4] ?? null) : null),
    keyArn,
    alias: str(created?.details.alias),
    keySpec: str((imported ?? created ?? last('key.described'))?.details.keySpec),
    wrapping: algorithm ? { algorithm, keySpec: str(params?.details.wrappingKeySpec) } : null,
    wrappingKeySha256: str(params?.details.publicKeySha256),
    checkValue: cv && typeof cv.value === 'string' ? { kind: cv.kind ?? null, value: cv.value } : null,
    imported: imported
      ? {
          at: imported.time,
          expirationModel: str(imported.details.expirationModel),
          validTo: str(imported.details.validTo),
          keyMaterialId: str(imported.details.keyMaterialId),
        }
      : null,
    proof: verified
      ? {
          method:
            str(verified.details.method) ??
            (verified.action === 'rotation.verified'
              ? 'the rotation, proven with KMS’s own answers (Decrypt names the key material it used)'
              : verified.action),
          passed: verified.result === 'ok' && verified.details.passed !== false,
          checks: names(verified.details.checks ?? verified.details.statements),
        }
      : null,
    approvedBy: names(imported?.details.approvedBy),
    rotation: rotationSummary(steps),
    regions: regionResults(steps),
  };
}

const names = (v: Json | undefined): string[] =>
  Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string') : [];

/** What a rotation ceremony did, from its events (core/ceremony/rotation/), or null when it was none. */
function rotationSummary(steps: RecordStep[]): RecordSummary['rotation'] {
  const find = (action: string) =>
    [...steps].reverse().find((s) => s.action === action && s.result !== 'error');
  const begun = find('rotation.begun');
  const started = find('rotation.started');
  if (!begun && !started) return null;
  return {
    fromKeyMaterialId: str(started?.details.fromKeyMaterialId) ?? str(begun?.details.fromKeyMaterialId),
    toKeyMaterialId: str(started?.details.toKeyMaterialId),
    completed: find('rotation.completed') !== undefined,
    approvedBy: names(started?.details.approvedBy),
  };
}
