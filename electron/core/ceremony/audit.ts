/**
 * What auditors and a restarted station need from transcripts: a viewer model, verification of any
 * transcript file, the human ceremony record, the station's public key, and interrupted ceremonies.
 */
import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { normaliseFile } from '../bundles';
import { buildCeremonyRecord, eventFacts, writeCeremonyRecord } from '../record';
import {
  exportStationPublicKey,
  findInterruptedCeremonies,
  markAborted,
  readTranscript,
  type StationKey,
  type TranscriptEvent,
  type TranscriptVerification,
} from '../transcript';
import { AppError } from '../errors';

export interface TranscriptView {
  verification: { intact: boolean; message: string; events: number };
  events: {
    seq: number;
    time: string;
    station: string;
    action: string;
    result: string;
    keyArn: string | null;
    summary: string;
    offline: boolean;
  }[];
}

/** The event's details as the record words them (labelled, hashes in the one format), at most six. */
function summarise(event: TranscriptEvent): string {
  return eventFacts(event)
    .slice(0, 6)
    .map((f) => `${f.label}: ${f.value}`)
    .join(' · ');
}

function verificationSummary(v: TranscriptVerification, auditing: boolean) {
  // For a file handed to an auditor, as `kms-ceremony verify-transcript` says it: an open ceremony may also
  // be one whose last events were cut off.
  const message =
    auditing && v.intact && !v.complete
      ? `${v.message}; the ceremony is not closed (in progress, interrupted, or its last events were removed)`
      : v.message;
  return { intact: v.intact, message, events: v.intact ? v.events : v.intactEvents };
}

/**
 * The offline stations' keys this transcript's own signed merge events vouch for. The online station
 * accepted each segment (checked at load) and signed the event embedding it, so with its own key pinned,
 * the segment keys are authenticated by that signature; an auditor still pins both keys independently.
 * Only merge events that claim this station's key count: a rewritten file whose merge event names another
 * signer cannot smuggle that signer in (and a forged claim fails the signature check with our key).
 */
export function vouchedSegmentKeys(text: string, ownKeyId: string): string[] {
  const keys: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('"transcript.segment-merged"')) continue;
    try {
      const event = JSON.parse(line) as {
        action?: string;
        stationKeyId?: string;
        segment?: { lines?: string[] };
      };
      const ours = event.action === 'transcript.segment-merged' && event.stationKeyId === ownKeyId;
      const first = ours ? event.segment?.lines?.[0] : undefined;
      const published = first
        ? (JSON.parse(first) as { details?: { stationPublicKey?: unknown } }).details?.stationPublicKey
        : undefined;
      if (typeof published !== 'string') continue;
      const key = createPublicKey({ key: Buffer.from(published, 'base64'), format: 'der', type: 'spki' });
      keys.push(key.export({ type: 'spki', format: 'pem' }).toString());
    } catch {
      // Not readable: verification then reports the segment as signed by an untrusted key.
    }
  }
  return keys;
}

/** `transcript`: the file's bytes (verified byte for byte) or text already in memory. */
export function viewTranscript(
  transcript: string | Uint8Array,
  trustedKeys: string[] = [],
  auditing = false,
): TranscriptView {
  const { verification, lines } = readTranscript(transcript, { trustedKeys });
  const events: TranscriptView['events'] = [];
  for (const { event, segmentEvents } of lines) {
    if (!event) continue;
    const row = (e: TranscriptEvent, offline: boolean) => ({
      seq: e.seq,
      time: e.time,
      station: e.station,
      action: e.action,
      result: e.result,
      keyArn: e.keyArn,
      summary: summarise(e),
      offline,
    });
    events.push(row(event, false));
    for (const inner of segmentEvents ?? []) events.push(row(inner, true));
  }
  return { verification: verificationSummary(verification, auditing), events };
}

/**
 * For auditors: any transcript file. A copy that went through a Windows host (CRLF, UTF-16) is read the way
 * `kms-ceremony verify-transcript` reads it, and the verdict says what was converted.
 */
export async function verifyTranscriptFile(file: string, trustedKeyFiles: string[]): Promise<TranscriptView> {
  const bytes = await readFile(file).catch((error: Error) => {
    throw new AppError(
      'READ_FAILED',
      `Could not read ${file}: ${error.message}`,
      'Choose a transcript (.jsonl) file.',
    );
  });
  const normalised = normaliseFile(bytes, 'text');
  const trusted = await Promise.all(trustedKeyFiles.map((f) => readFile(f, 'utf8')));
  const view = viewTranscript(normalised.bytes, trusted, true);
  if (normalised.fixes.length === 0) return view;
  const converted = normalised.fixes.map((f) => f.what).join('; ');
  return {
    ...view,
    verification: {
      ...view.verification,
      message: `${view.verification.message} (read after: ${converted})`,
    },
  };
}

export async function exportRecord(folder: string, transcript: string, stationKey: StationKey) {
  const record = buildCeremonyRecord(transcript, {
    trustedKeys: [stationKey.publicKeyPem, ...vouchedSegmentKeys(transcript, stationKey.keyId)],
  });
  const files = await writeCeremonyRecord(folder, record);
  return { files: [files.html, files.pdf, files.json] };
}

export async function exportPublicKey(folder: string, stationKey: StationKey) {
  const target = path.join(folder, `ceremony-station-${stationKey.keyId.slice(0, 16)}.pub.pem`);
  return exportStationPublicKey(stationKey, target);
}

export async function listInterrupted(dir: string) {
  const found = await findInterruptedCeremonies(dir);
  return found.map((c) => ({
    ceremonyId: c.ceremonyId,
    station: c.station,
    operator: c.operator,
    witnesses: c.witnesses,
    keyArn: c.keyArn,
    events: c.events,
    lastAction: c.lastEvent?.action ?? null,
    lastTime: c.lastEvent?.time ?? null,
    torn: c.torn,
    intact: c.verification.intact,
  }));
}

export async function abortInterrupted(
  dir: string,
  ceremonyId: string,
  reason: string,
  stationKey: StationKey,
) {
  const found = (await findInterruptedCeremonies(dir)).find((c) => c.ceremonyId === ceremonyId);
  if (!found)
    throw new AppError(
      'NOT_FOUND',
      `No interrupted ceremony ${ceremonyId} on this station.`,
      'Refresh the list.',
    );
  await markAborted(found, { stationKey, reason, operator: found.operator || 'unknown operator' });
}
