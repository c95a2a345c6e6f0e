import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { assertPathId } from '../path-ids';
import { canonicalJson } from './canonical-json';
import { genesisHash, lineHash, sha256Hex, signBody } from './chain';
import {
  EventBodySchema,
  OPENED_ACTION,
  SEGMENT_MERGED_ACTION,
  TORN_TAIL_ACTION,
  TRANSCRIPT_FORMAT_VERSION,
  type EventBody,
  type EventInput,
  type Station,
  type TranscriptEvent,
} from './event';
import { assertNoSecrets } from './secret-guard';
import { openAppendFile, readIfExists, type FileIo } from './append-file';
import type { StationKey } from './station-key';
import { verifyTranscript, type TranscriptIntact, type VerifyOptions } from './verify';

export interface OpenTranscriptOptions {
  station: Station;
  ceremonyId: string;
  stationKey: StationKey;
  /** Required for a new transcript; on reopen, defaults to the names recorded in the last event. */
  operator?: string;
  witnesses?: string[];
  /**
   * A torn last line (the process died mid-write, so it was never acknowledged): 'refuse' (default) throws
   * TRANSCRIPT_TORN; 'recover' moves the torn bytes to `<file>.torn-<n>` and records that as an event.
   */
  onTornTail?: 'refuse' | 'recover';
  now?: () => Date;
  /** How the file is read, written and fsync'd (./append-file.ts): default 'thread-pool'; the CLI: 'blocking'. */
  io?: FileIo;
}

export interface AppendedEvent {
  seq: number;
  /** SHA-256 of the line: the new chain head. */
  hash: string;
  line: string;
  event: TranscriptEvent;
}

export interface Transcript {
  readonly path: string;
  readonly ceremonyId: string;
  readonly station: Station;
  /** Last acknowledged event: its seq and line hash (the signed head). */
  head(): { events: number; headHash: string };
  /** Appends one event; resolves only after the line is fsync'd. Appends are serialised in call order. */
  append(input: EventInput): Promise<AppendedEvent>;
  /** Verifies an offline segment (from a wrapped bundle) and embeds it, byte for byte, in one event. */
  mergeSegment(
    segmentText: string,
    options?: VerifyOptions & { details?: EventInput['details'] },
  ): Promise<AppendedEvent>;
  close(): Promise<void>;
}

/** Where a ceremony's transcript lives on a station: one append-only file per ceremony and station. */
export function transcriptPath(dir: string, ceremonyId: string, station: Station): string {
  assertPathId('ceremony id', ceremonyId, 'the transcript name');
  assertPathId('station', station, 'the transcript name');
  return path.join(dir, `${ceremonyId}.${station}.jsonl`);
}

export async function openTranscript(file: string, options: OpenTranscriptOptions): Promise<Transcript> {
  const { station, ceremonyId, stationKey } = options;
  // Checked before the file is read or created: a bad id must leave nothing behind.
  assertPathId('ceremony id', ceremonyId, 'the transcript');
  assertPathId('station', station, 'the transcript');
  const now = options.now ?? (() => new Date());
  const io = options.io ?? 'thread-pool';
  let existing = await readIfExists(file, io);

  let events = 0;
  let head = genesisHash(ceremonyId, station);
  let operator = options.operator;
  let witnesses = options.witnesses;
  let tornNote: { bytes: number; sha256: string; savedAs: string } | null = null;

  if (existing && existing.length > 0) {
    // Verified against the key it publishes (embedded offline segments carry another station's key), then
    // that key is compared with ours below.
    let verification = verifyTranscript(existing);
    if (!verification.intact && verification.problem === 'torn') {
      if (options.onTornTail !== 'recover') {
        throw new AppError(
          'TRANSCRIPT_TORN',
          verification.message,
          'Reopen with recovery: the torn bytes are kept aside in a .torn file and the recovery is recorded in the transcript.',
        );
      }
      const keep = existing.lastIndexOf(0x0a) + 1;
      const torn = existing.subarray(keep);
      const savedAs = await firstFreeName(`${file}.torn`);
      await writeNewFile(savedAs, torn);
      tornNote = { bytes: torn.length, sha256: sha256Hex(torn), savedAs: path.basename(savedAs) };
      await truncateTo(file, keep);
      existing = existing.subarray(0, keep);
      verification = verifyTranscript(existing);
    }
    // A file torn inside its very first line holds no event: it starts again as a new transcript.
    if (existing.length > 0 && !verification.intact) {
      throw new AppError(
        'TRANSCRIPT_TAMPERED',
        `${file}: ${verification.message}`,
        'Do not continue this ceremony on this transcript. Keep the file as evidence and start a new ceremony.',
      );
    }
    if (verification.intact && verification.stationKeyId !== stationKey.keyId) {
      throw new AppError(
        'TRANSCRIPT_OTHER_STATION',
        `${file} was signed by station key ${verification.stationKeyId.slice(0, 16)}…, not this station’s key ${stationKey.keyId.slice(0, 16)}….`,
        'Each station appends only to its own transcripts. Open the file on the station that wrote it.',
      );
    }
    if (verification.intact && (verification.ceremonyId !== ceremonyId || verification.station !== station)) {
      throw new AppError(
        'TRANSCRIPT_MISMATCH',
        `${file} records ceremony ${verification.ceremonyId} on the ${verification.station} station, not ${ceremonyId} on the ${station} station.`,
        'Open the transcript file that belongs to this ceremony.',
      );
    }
    if (verification.intact) {
      const lines = existing.toString('utf8').split('\n');
      const last = JSON.parse(lines[lines.length - 2] as string) as TranscriptEvent;
      events = verification.events;
      head = verification.headHash;
      operator ??= last.operator;
      witnesses ??= last.witnesses;
    }
  }
  if (!operator) {
    throw new AppError(
      'USAGE',
      'A new transcript needs the operator’s name.',
      'Enter the operator and witness names before the first step.',
    );
  }
  const names = { operator, witnesses: witnesses ?? [] };

  const out = await openAppendFile(file, io, !existing || existing.length === 0);
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function write(body: Omit<EventBody, 'seq' | 'prevHash'>): Promise<AppendedEvent> {
    if (closed)
      throw new AppError(
        'TRANSCRIPT_CLOSED',
        'The transcript was closed.',
        'Reopen it before recording more steps.',
      );
    const full = EventBodySchema.parse({ ...body, seq: events + 1, prevHash: head });
    const event: TranscriptEvent = { ...full, sig: signBody(full, stationKey.privateKey) };
    const line = canonicalJson(event);
    await out.append(Buffer.from(`${line}\n`, 'utf8'));
    events = full.seq;
    head = lineHash(line);
    return { seq: full.seq, hash: head, line, event };
  }

  function enqueue(task: () => Promise<AppendedEvent>): Promise<AppendedEvent> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  function bodyFor(input: EventInput): Omit<EventBody, 'seq' | 'prevHash'> {
    const details = input.details ?? {};
    assertNoSecrets(details);
    if (input.error) assertNoSecrets(input.error, 'error');
    return {
      v: TRANSCRIPT_FORMAT_VERSION,
      time: (input.time ?? now()).toISOString(),
      station,
      ceremonyId,
      ...names,
      action: input.action,
      keyArn: input.keyArn ?? null,
      details,
      result: input.result ?? (input.error ? 'error' : 'ok'),
      ...(input.error ? { error: input.error } : {}),
      stationKeyId: stationKey.keyId,
    };
  }

  if (events === 0) {
    await enqueue(() =>
      write(
        bodyFor({
          action: OPENED_ACTION,
          result: 'info',
          details: { stationPublicKey: stationKey.publicKeyDer.toString('base64') },
        }),
      ),
    );
  }
  if (tornNote) {
    const note = tornNote;
    await enqueue(() =>
      write(
        bodyFor({
          action: TORN_TAIL_ACTION,
          result: 'info',
          details: { tornBytes: note.bytes, tornSha256: note.sha256, savedAs: note.savedAs },
        }),
      ),
    );
  }

  return {
    path: file,
    ceremonyId,
    station,
    head: () => ({ events, headHash: head }),
    append: (input) => enqueue(() => write(bodyFor(input))),
    mergeSegment: (segmentText, opts = {}) =>
      enqueue(async () => {
        const verification = verifyTranscript(segmentText, opts);
        if (!verification.intact) {
          throw new AppError(
            'SEGMENT_NOT_INTACT',
            `The offline transcript segment is not intact: ${verification.message}`,
            'Do not import this bundle; ask the offline station for a fresh copy and compare its SHA-256.',
          );
        }
        if (verification.ceremonyId !== ceremonyId) {
          throw new AppError(
            'SEGMENT_MISMATCH',
            `The offline segment belongs to ceremony ${verification.ceremonyId}, not ${ceremonyId}.`,
            'Use the wrapped bundle made for this ceremony.',
          );
        }
        const segment = segmentFields(segmentText, verification);
        return write({ ...bodyFor({ action: SEGMENT_MERGED_ACTION, details: opts.details ?? {} }), segment });
      }),
    close: async () => {
      closed = true;
      await queue.catch(() => undefined);
      await out.close();
    },
  };
}

function segmentFields(text: string, v: TranscriptIntact): NonNullable<EventBody['segment']> {
  return {
    station: v.station,
    stationKeyId: v.stationKeyId,
    events: v.events,
    headHash: v.headHash,
    lines: text.split('\n').filter((l) => l.length > 0),
  };
}

async function firstFreeName(base: string): Promise<string> {
  for (let i = 1; ; i++) {
    const candidate = `${base}-${i}`;
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}

async function writeNewFile(file: string, data: Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function truncateTo(file: string, length: number): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
