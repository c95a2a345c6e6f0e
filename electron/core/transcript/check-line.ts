/**
 * One transcript line on its own: valid UTF-8 JSON, a valid event in canonical form, signed by a station
 * key among `keys`. What it cannot say (chain, order, segments) is verify.ts's.
 */
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { verifyEventSignature } from './chain';
import { EventSchema, type TranscriptEvent } from './event';
import type { RawLine } from './lines';
import type { TranscriptProblem } from './verify';

export interface Line {
  raw: string;
  event?: TranscriptEvent;
  /** Why the line cannot be used as an event; undefined when it parses, is canonical and its signature holds. */
  defect?: { problem: TranscriptProblem; why: string };
}

/**
 * The verdict on one line. `keys`: station keys by key id (the SHA-256 of the key's SPKI); `pinned`: they are
 * the caller's trusted keys (a signer outside them is 'untrusted-key'), not the key the transcript published.
 */
export function checkLine({ raw, invalid }: RawLine, keys: Map<string, KeyObject>, pinned: boolean): Line {
  if (invalid) return { raw, defect: { problem: 'modified', why: invalid } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { raw, defect: { problem: 'modified', why: 'the line is not valid JSON' } };
  }
  const result = EventSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return {
      raw,
      defect: {
        problem: 'modified',
        why: `the line is not a valid event (${issue?.path.join('.') || 'event'}: ${issue?.message})`,
      },
    };
  }
  const event = result.data;
  // Base64 has spare bits in its last character: only the canonical spelling of the signature is accepted.
  if (canonicalJson(event) !== raw || Buffer.from(event.sig, 'base64').toString('base64') !== event.sig) {
    return {
      raw,
      event,
      defect: {
        problem: 'modified',
        why: 'the line is not in canonical form (it was re-serialised or edited)',
      },
    };
  }
  const key = keys.get(event.stationKeyId);
  if (!key) {
    return {
      raw,
      event,
      defect: pinned
        ? {
            problem: 'untrusted-key',
            why: `it is signed by station key ${event.stationKeyId.slice(0, 16)}…, which is not among the trusted keys`,
          }
        : {
            problem: 'bad-signature',
            why: `it is signed by station key ${event.stationKeyId.slice(0, 16)}…, not the key this transcript was opened with`,
          },
    };
  }
  if (!verifyEventSignature(event, key)) {
    return { raw, event, defect: { problem: 'modified', why: 'its content does not match its signature' } };
  }
  return { raw, event };
}
