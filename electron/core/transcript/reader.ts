import { EventSchema, type TranscriptEvent } from './event';
import { splitTranscript } from './lines';
import { verifyTranscript, type TranscriptVerification, type VerifyOptions } from './verify';

export interface TranscriptLine {
  /** 1-based line number. */
  line: number;
  /** The parsed event, when the line is a well-formed event (whether or not the chain around it holds). */
  event?: TranscriptEvent;
  raw: string;
  /** Events of an offline segment embedded in this event, in order. */
  segmentEvents?: TranscriptEvent[];
}

export interface ReadTranscript {
  verification: TranscriptVerification;
  lines: TranscriptLine[];
}

/**
 * For the in-app viewer and the ceremony record: every line as parsed, plus the verification verdict.
 * `verified`: the verdict of `verifyTranscript(input, options)` when the caller has just computed it for
 * these very bytes and options (the CLI verifies before it writes the record), so it is not computed twice.
 */
export function readTranscript(
  input: string | Uint8Array,
  options: VerifyOptions = {},
  verified?: TranscriptVerification,
): ReadTranscript {
  const verification = verified ?? verifyTranscript(input, options);
  const { lines: complete, tail } = splitTranscript(input);
  const lines = [...complete, tail]
    .map(({ raw, invalid }, i) => ({ raw, invalid, line: i + 1 }))
    .filter(({ raw }) => raw.length > 0)
    .map(({ raw, invalid, line }): TranscriptLine => {
      // Bytes that are not UTF-8 are shown as read, never as an event: its signature covers other bytes.
      const event = invalid ? undefined : parseEvent(raw);
      if (!event) return { line, raw };
      const segmentEvents = event.segment?.lines.map(parseEvent).filter((e): e is TranscriptEvent => !!e);
      return segmentEvents ? { line, raw, event, segmentEvents } : { line, raw, event };
    });
  return { verification, lines };
}

function parseEvent(raw: string): TranscriptEvent | undefined {
  try {
    const result = EventSchema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
