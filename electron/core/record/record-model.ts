import type { KeyObject } from 'node:crypto';
import { fingerprintHexGroups, fingerprintWords } from '../fingerprint';
import { readTranscript, type Json, type Station, type TranscriptEvent } from '../transcript';

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
  stations: { station: Station; stationKeyId: string; events: number; headHash: string }[];
  /** Every step in order; an offline segment's steps appear just before the online event that merged them. */
  steps: RecordStep[];
  fingerprints: RecordFingerprint[];
  checkValues: { recordedAt: string; field: string; value: Json }[];
  confirmations: { recordedAt: string; details: Record<string, Json> }[];
}

const PUBLIC_KEY_FIELD = /^(wrapping)?publicKeySha256$/i;

/** The ceremony record (for people: HTML/PDF; for machines: this JSON) built from a station's transcript. */
export function buildCeremonyRecord(
  transcript: string | Uint8Array,
  options: { trustedKeys?: (string | Uint8Array | KeyObject)[]; generatedAt?: Date } = {},
): CeremonyRecord {
  const { verification, lines } = readTranscript(
    transcript,
    options.trustedKeys ? { trustedKeys: options.trustedKeys } : {},
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
  const checkValues: CeremonyRecord['checkValues'] = [];
  for (const step of steps) {
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
      if (/checkvalue|kcv/i.test(field)) checkValues.push({ recordedAt: label(step), field, value });
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
  return {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    ceremonyId: main?.ceremonyId ?? '(unknown)',
    keyArn: [...steps].reverse().find((s) => s.keyArn)?.keyArn ?? null,
    operator: last?.operator ?? '',
    witnesses: last?.witnesses ?? [],
    transcript: {
      ceremonyId: main?.ceremonyId ?? '(unknown)',
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
    stations,
    steps,
    fingerprints,
    checkValues,
    confirmations: steps
      .filter((s) => s.action === 'fingerprint.confirmed')
      .map((s) => ({ recordedAt: label(s), details: s.details })),
  };
}

function stepOf(e: TranscriptEvent): RecordStep {
  return {
    station: e.station,
    seq: e.seq,
    time: e.time,
    action: e.action,
    result: e.result,
    keyArn: e.keyArn,
    details: e.details,
    ...(e.error ? { error: e.error } : {}),
  };
}

/** One line per detail, for the HTML and PDF step lists (long JSON values are shown compactly). */
export function detailLines(details: Record<string, Json>): string[] {
  return Object.entries(details).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
}
