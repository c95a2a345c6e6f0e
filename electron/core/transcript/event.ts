import * as z from 'zod';
import { CEREMONY_ID } from '../../shared/path-ids';
import type { Json } from './canonical-json';

export { CEREMONY_ID };

/** Version of the line format (README.md §"Line format"); a reader refuses versions it does not know. */
export const TRANSCRIPT_FORMAT_VERSION = 1;

export const STATIONS = ['online', 'offline'] as const;
export type Station = (typeof STATIONS)[number];

/** Actions that close a ceremony: a transcript whose last event is one of these is not "interrupted". */
export const TERMINAL_ACTIONS = ['ceremony.completed', 'ceremony.aborted'] as const;

/** The first event of every transcript file; it carries the station's public key for self-contained checks. */
export const OPENED_ACTION = 'transcript.opened';
/** Written when a torn (never acknowledged) last line was moved aside on reopen. */
export const TORN_TAIL_ACTION = 'transcript.torn-tail-recovered';
/** Written on the online station when the offline segment from a wrapped bundle is merged. */
export const SEGMENT_MERGED_ACTION = 'transcript.segment-merged';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');
const ACTION = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/, 'dotted lower-case, e.g. "parameters.fetched"');

/** The signed part of an event (everything but `sig`). Unknown fields are refused. */
export const EventBodySchema = z.strictObject({
  v: z.literal(TRANSCRIPT_FORMAT_VERSION),
  seq: z.number().int().min(1),
  time: z.iso.datetime({ precision: 3 }),
  station: z.enum(STATIONS),
  ceremonyId: CEREMONY_ID,
  operator: z.string().min(1).max(200),
  witnesses: z.array(z.string().min(1).max(200)).max(20),
  action: ACTION,
  keyArn: z.string().max(2048).nullable(),
  details: z.record(z.string(), z.json()),
  result: z.enum(['ok', 'error', 'info']),
  error: z.strictObject({ code: z.string().max(100), message: z.string().max(4000) }).optional(),
  segment: z
    .strictObject({
      station: z.enum(STATIONS),
      stationKeyId: hex64,
      events: z.number().int().min(1),
      headHash: hex64,
      lines: z.array(z.string()).min(1),
    })
    .optional(),
  prevHash: hex64,
  stationKeyId: hex64,
});

export const EventSchema = EventBodySchema.extend({
  sig: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'base64 Ed25519'),
});

export type EventBody = z.infer<typeof EventBodySchema>;
export type TranscriptEvent = z.infer<typeof EventSchema>;

/** What a caller appends; the writer fills in v, seq, time, station, ceremony, names, chain and signature. */
export interface EventInput {
  action: string;
  keyArn?: string | null;
  details?: Record<string, Json>;
  result?: 'ok' | 'error' | 'info';
  error?: { code: string; message: string };
  /** Override the clock (tests, or replaying an event recorded elsewhere). */
  time?: Date;
}
