/**
 * A transcript's events as the record's steps, and the key a record is about: shared by the record itself
 * (record-model.ts) and the record worker's draft (record-pdf.ts), which reads the transcript as it grows.
 * No transcript parsing or validation is imported here, so the worker's bundle stays without zod.
 */
import type { TranscriptEvent } from '../transcript';
import type { RecordStep } from './record-model';

/** One event as a record step (its fields as the event has them). */
export function stepOf(e: TranscriptEvent): RecordStep {
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

/** The key a record is about: the one material was last imported into, else the last key a step names. */
export function recordKeyArn(steps: RecordStep[]): string | null {
  const imported = steps.findLast((s) => s.action === 'material.imported' && s.result === 'ok');
  return imported?.keyArn ?? steps.findLast((s) => s.keyArn)?.keyArn ?? null;
}

/**
 * The steps of the complete lines of a transcript written so far, with an offline segment's events before
 * the event that merged them (as buildCeremonyRecord orders them). For a draft only: nothing is verified
 * or validated and an unreadable line is skipped, so a draft is a guess that the record, built from the
 * verified transcript, is compared with (RecordPdfDraft.finish), never the record.
 */
export function draftSteps(text: string): RecordStep[] {
  const steps: RecordStep[] = [];
  const parse = (raw: string): TranscriptEvent | null => {
    try {
      const e = JSON.parse(raw) as TranscriptEvent | null;
      return e && typeof e === 'object' && typeof e.action === 'string' ? e : null;
    } catch {
      return null;
    }
  };
  for (const raw of text.slice(0, text.lastIndexOf('\n') + 1).split('\n')) {
    const event = raw ? parse(raw) : null;
    if (!event) continue;
    const segment = Array.isArray(event.segment?.lines) ? event.segment.lines : [];
    for (const e of segment.map(parse)) if (e) steps.push(stepOf(e));
    steps.push(stepOf(event));
  }
  return steps;
}
