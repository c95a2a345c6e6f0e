import type { KeyObject } from 'node:crypto';
import { genesisHash, lineHash } from './chain';
import { checkLine, type Line } from './check-line';
import type { CheckedLines } from './checked-lines';
import { EventSchema, OPENED_ACTION, TERMINAL_ACTIONS, type Station, type TranscriptEvent } from './event';
import { splitTranscript, type RawLine } from './lines';
import { trustedKeyFrom, type TrustedKey } from './station-key';

export type TranscriptProblem =
  | 'empty'
  | 'modified'
  | 'deleted'
  | 'inserted'
  | 'reordered'
  | 'torn'
  | 'bad-signature'
  | 'untrusted-key'
  | 'segment';

export interface SegmentSummary {
  /** 1-based number of the online event that carries the segment. */
  carriedBy: number;
  station: Station;
  stationKeyId: string;
  events: number;
  headHash: string;
}

export interface TranscriptIntact {
  intact: true;
  events: number;
  ceremonyId: string;
  station: Station;
  stationKeyId: string;
  headHash: string;
  /** True when every signature was checked against a key the caller trusts (not only the embedded one). */
  trusted: boolean;
  /** The last event is ceremony.completed / ceremony.aborted. */
  complete: boolean;
  segments: SegmentSummary[];
  message: string;
}

export interface TranscriptBroken {
  intact: false;
  /** 1-based position (= line number = seq) of the first event that is not where and what it should be. */
  firstBadEvent: number;
  problem: TranscriptProblem;
  message: string;
  /** Events 1..intactEvents verified before the problem. */
  intactEvents: number;
}

export type TranscriptVerification = TranscriptIntact | TranscriptBroken;

export interface VerifyOptions {
  /** Station public keys (PEM/DER/KeyObject). When given, every event (and segment) must be signed by one. */
  trustedKeys?: (string | Uint8Array | KeyObject)[];
  /**
   * The head recorded elsewhere (ceremony state, wrapped-bundle manifest, a previous verification). A chain
   * cut short at its end is still a valid chain; only an outside record of its length can show the cut.
   */
  expectedHead?: { events: number; headHash?: string };
  /** Lines already found good (checked-lines.ts): their verdict is reused instead of checked again. */
  checkedLines?: CheckedLines;
}

/**
 * Verifies a transcript: chain, sequence, signatures, embedded offline segments, torn tail. Pass a file's
 * bytes (not text decoded from them): each line must be valid UTF-8, or its event is reported as modified.
 */
export function verifyTranscript(
  input: string | Uint8Array,
  options: VerifyOptions = {},
): TranscriptVerification {
  const trusted = options.trustedKeys?.map((k) => trustedKeyFrom(k));
  const { lines: parts, tail } = splitTranscript(input);
  if (parts.length === 0) {
    if (tail.bytes > 0) return broken(1, 'torn', tornMessage(0, tail.bytes), 0);
    return broken(1, 'empty', 'The transcript has no events.', 0);
  }
  const keys = resolveKeys(parts, trusted);
  if (keys.size === 0) {
    // Unpinned and event 1 does not publish a key: say what is missing rather than fail every signature.
    const firstSeq = parseSeq(parts[0]!.raw);
    if (firstSeq !== null && firstSeq > 1) {
      return broken(
        1,
        'deleted',
        `Event 1 (transcript.opened, which publishes the station key) is missing: line 1 holds event ${firstSeq}. Pass the station public key to check the rest.`,
        0,
      );
    }
  }
  const known = options.checkedLines;
  const lines: Line[] = parts.map((line) => {
    const event = line.invalid ? undefined : known?.get(line.raw, keys);
    return event ? { raw: line.raw, event } : checkLine(line, keys, trusted !== undefined);
  });
  const first = lines.find((l) => l.event && !l.defect)?.event;
  const ceremonyId = first?.ceremonyId ?? '';
  const station: Station = first?.station ?? 'online';
  const segments: SegmentSummary[] = [];

  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i] as Line;
    const prevExpected = i === 0 ? genesisHash(ceremonyId, station) : lineHash((lines[i - 1] as Line).raw);
    if (line.defect || !line.event) {
      const next = lines[i + 1]?.event;
      if (next && !lines[i + 1]?.defect && next.seq === n && next.prevHash === prevExpected) {
        return broken(
          n,
          'inserted',
          `Line ${n} is not part of the chain (${line.defect?.why}); event ${n} follows it.`,
          i,
        );
      }
      const defect = line.defect ?? { problem: 'modified' as const, why: 'unreadable' };
      return broken(n, defect.problem, `Event ${n}: ${defect.why}.`, i);
    }
    const event = line.event;
    if (event.ceremonyId !== ceremonyId || event.station !== station) {
      return broken(
        n,
        'inserted',
        `Event ${n} belongs to ceremony ${event.ceremonyId} (${event.station}), not ${ceremonyId} (${station}).`,
        i,
      );
    }
    if (event.seq > n) {
      const later = lines.findIndex((l, j) => j > i && l.event?.seq === n);
      if (later >= 0)
        return broken(
          n,
          'reordered',
          `Event ${n} is at line ${later + 1}; line ${n} holds event ${event.seq}.`,
          i,
        );
      const missing =
        event.seq - n === 1 ? `Event ${n} is missing` : `Events ${n}–${event.seq - 1} are missing`;
      return broken(n, 'deleted', `${missing}: line ${n} holds event ${event.seq}.`, i);
    }
    if (event.seq < n) {
      const twin = lines.findIndex((l, j) => j < i && l.raw === line.raw);
      if (twin >= 0)
        return broken(n, 'inserted', `Line ${n} is a duplicate of event ${event.seq} (line ${twin + 1}).`, i);
      return broken(n, 'reordered', `Line ${n} holds event ${event.seq}, which belongs earlier.`, i);
    }
    if (event.prevHash !== prevExpected) {
      return i === 0
        ? broken(
            1,
            'modified',
            'Event 1 does not start this ceremony’s chain (its prevHash is not the genesis value).',
            0,
          )
        : broken(
            i,
            'modified',
            `Event ${i} was replaced: event ${n} was chained to a different event ${i}.`,
            i - 1,
          );
    }
    if (event.segment) {
      const inner = verifyTranscript(`${event.segment.lines.join('\n')}\n`, {
        trustedKeys: options.trustedKeys,
        expectedHead: { events: event.segment.events, headHash: event.segment.headHash },
      });
      if (!inner.intact) {
        return broken(
          n,
          'segment',
          `The ${event.segment.station} segment carried by event ${n} is not intact: ${inner.message}`,
          i,
        );
      }
      segments.push({
        carriedBy: n,
        station: inner.station,
        stationKeyId: inner.stationKeyId,
        events: inner.events,
        headHash: inner.headHash,
      });
    }
  }

  const count = lines.length;
  const last = lines[count - 1] as Line;
  const lastEvent = last.event as TranscriptEvent;
  if (tail.bytes > 0) return broken(count + 1, 'torn', tornMessage(count, tail.bytes), count);
  const headHash = lineHash(last.raw);
  const expected = options.expectedHead;
  if (expected && expected.events > count) {
    const missing =
      expected.events - count === 1 ? `event ${count + 1} is` : `events ${count + 1}–${expected.events} are`;
    return broken(
      count + 1,
      'deleted',
      `The transcript ends at event ${count}, but its recorded head is event ${expected.events}: ${missing} missing.`,
      count,
    );
  }
  // A recorded head earlier than the end (a record exported before the ceremony was closed) must still be
  // the event at that position.
  const recorded = expected?.headHash && expected.events <= count ? lines[expected.events - 1] : undefined;
  if (expected?.headHash && recorded && lineHash(recorded.raw) !== expected.headHash) {
    return broken(
      expected.events,
      'modified',
      `Event ${expected.events} is not the recorded head (hash ${expected.headHash.slice(0, 16)}…).`,
      expected.events - 1,
    );
  }
  return {
    intact: true,
    events: count,
    ceremonyId,
    station,
    stationKeyId: lastEvent.stationKeyId,
    headHash,
    trusted: trusted !== undefined,
    complete: (TERMINAL_ACTIONS as readonly string[]).includes(lastEvent.action),
    segments,
    message: `intact: ${count} events`,
  };
}

function broken(
  firstBadEvent: number,
  problem: TranscriptProblem,
  message: string,
  intactEvents: number,
): TranscriptBroken {
  return { intact: false, firstBadEvent, problem, message, intactEvents };
}

function tornMessage(complete: number, bytes: number): string {
  return (
    `The last line (event ${complete + 1}) is torn: ${bytes} bytes with no line end. The station stopped while ` +
    `writing it (power loss or a killed process), so it was never acknowledged. ` +
    (complete > 0 ? `Events 1–${complete} are intact.` : 'No event before it.')
  );
}

/** Keys by id: the caller's trusted keys, or else the key each chain publishes in its first event. */
function resolveKeys(rawLines: RawLine[], trusted: TrustedKey[] | undefined): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  if (trusted) {
    for (const k of trusted) keys.set(k.keyId, k.publicKey);
    return keys;
  }
  try {
    const first = EventSchema.parse(JSON.parse(rawLines[0]!.raw));
    const published = first.action === OPENED_ACTION ? first.details.stationPublicKey : undefined;
    if (typeof published === 'string') {
      const key = trustedKeyFrom(Buffer.from(published, 'base64'));
      if (key.keyId === first.stationKeyId) keys.set(key.keyId, key.publicKey);
    }
  } catch {
    // Event 1 unreadable: every line then fails its signature check and event 1 is reported.
  }
  return keys;
}

function parseSeq(raw: string): number | null {
  try {
    const seq = (JSON.parse(raw) as { seq?: unknown }).seq;
    return typeof seq === 'number' ? seq : null;
  } catch {
    return null;
  }
}
