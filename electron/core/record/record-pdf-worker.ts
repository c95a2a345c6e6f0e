/**
 * What the record's worker thread runs (see record-pdf-thread.ts; the compiled CLI's worker entry is
 * electron/cli/record-pdf-worker-boot.ts, which loads this bundled with pdfkit through the code cache):
 * loads pdfkit and the fonts and lays out two throw-away paragraphs while the ceremony is still talking to
 * KMS, then draws the steps of the transcript as it grows (RecordPdfDraft), so the record of the closed
 * transcript is mostly drawn, by warm code on another core, when it is asked for.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { MessagePort } from 'node:worker_threads';
import { AppError } from '../errors';
import { createUnicodePdf } from '../pdf';
import { stepsSection, type RecordBlock } from './record-content';
import type { CeremonyRecord, RecordStep } from './record-model';
import { RecordPdfDraft, renderRecordPdf } from './record-pdf';
import { draftSteps, recordKeyArn } from './record-steps';

/**
 * Two paragraphs of distinct words in each style the record uses, in a document that is thrown away: it
 * loads pdfkit and the fonts and runs the layout code once (pdfkit caches a word it has laid out, hence
 * distinct words); the drafts of the steps (below) then run it on the record itself. It yields between
 * paragraphs and stops as soon as a draft or a record is asked for. Short on purpose: on two cores the
 * warm-up takes CPU from the ceremony and the emulator; 20 paragraphs made a scripted ceremony ~6 % slower
 * than 2 once the steps were drafted (and 0 was no faster than 2).
 */
async function warmUp(stop: () => boolean): Promise<void> {
  const pdf = await createUnicodePdf({ title: 'warm-up', createdAt: new Date(0) });
  const words = 'key material import token wrapping public witness operator approved expiration'.split(' ');
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (stop()) return;
    const hex = randomBytes(24).toString('hex');
    const text = words.map((w, j) => `${w}${(i * 7 + j) % 97}`).join(' ');
    pdf.text(`${text} ${i}`, { size: 9 + (i % 3) * 3, bold: i % 2 === 0 });
    pdf.text(`${hex.slice(0, 8)} ${hex.slice(8)} arn:aws:kms:eu-west-${i % 3}:${hex.slice(0, 12)}`, {
      mono: true,
    });
  }
  await pdf.finish((p, page) => p.textAt(`page ${page.number}`, p.margin, 20, { size: 8 }));
}

export interface ServeHooks {
  /**
   * Called once, just before the first record is sent back: the code that drew it is compiled by then (the
   * compiled CLI saves its code cache here; after a cache hit that costs nothing).
   */
  onWarm?: () => void;
}

/**
 * The steps part of the transcript at `file` as it grows (recordContent's `steps`, from draftSteps): each
 * call reads the file and converts only the lines added since the last, unless the record's key changed.
 */
class GrowingTranscript {
  private parsed = 0; // bytes of complete lines converted
  private readonly steps: RecordStep[] = [];
  private keyArn: string | null = null;
  private part: RecordBlock[] = [];

  constructor(readonly file: string) {}

  async stepsSection(): Promise<RecordBlock[]> {
    const bytes = await readFile(this.file);
    const end = bytes.lastIndexOf(0x0a) + 1;
    if (end <= this.parsed) return this.part;
    const added = draftSteps(bytes.subarray(this.parsed, end).toString('utf8'));
    const steps = [...this.steps, ...added];
    const keyArn = recordKeyArn(steps);
    // Converted before anything is kept: a line that fails to convert is read again next time.
    this.part =
      this.part.length > 0 && keyArn === this.keyArn
        ? [...this.part, ...stepsSection(added, keyArn).slice(1)] // without the heading again
        : stepsSection(steps, keyArn);
    this.steps.push(...added);
    this.parsed = end;
    this.keyArn = keyArn;
    return this.part;
  }
}

/** A message to the worker (record-pdf-thread.ts sends them). */
export type RecordPdfRequest = { draft: string } | { id: number; record: CeremonyRecord };

/** The worker's answer to `{ id, record }`; `fromDraft`: the record continued the draft of its steps. */
export type RecordPdfReply = {
  id: number;
  pdf?: Uint8Array;
  fromDraft?: boolean;
  error?: { code: string; message: string; hint: string };
};

/**
 * Answers the messages on `port` (a worker's parentPort), one at a time and in order, after warming pdfkit
 * up: `{ draft: transcriptPath }` draws the steps of the transcript written so far into the draft (no
 * answer; drafts that queue up are drawn once, from the file as it is then); `{ id, record }` is answered
 * `{ id, pdf, fromDraft }`, continuing the draft when the record's steps begin with what it drew, else
 * drawing anew, or `{ id, error }`. A draft that fails only costs speed: the record is drawn anew.
 */
export function serveRecordPdf(port: MessagePort, hooks: ServeHooks = {}): void {
  let asked = false;
  let warmed = false;
  const warm = () => {
    if (!warmed) hooks.onWarm?.();
    warmed = true;
  };
  let queue: Promise<unknown> = warmUp(() => asked).catch(() => undefined); // a failed warm-up only costs speed
  const next = (job: () => Promise<void>) => (queue = queue.then(job));

  let draft: Promise<RecordPdfDraft> | null = null;
  let transcript: GrowingTranscript | null = null;
  let draftFrom: string | null = null; // the transcript to draft from, when a draft is queued
  const drawDraft = async () => {
    const file = draftFrom!;
    draftFrom = null;
    try {
      if (transcript?.file !== file) transcript = new GrowingTranscript(file);
      const part = await transcript.stepsSection();
      if (!(await (draft ??= RecordPdfDraft.begin())).add(part)) {
        // A step now reads differently than drawn (the record's key changed, or another transcript is
        // drafted): start the draft over.
        (await (draft = RecordPdfDraft.begin())).add(part);
      }
    } catch {
      draft = null;
    }
  };
  const drawRecord = async (id: number, record: CeremonyRecord) => {
    try {
      const begun = draft ? await draft.catch(() => null) : null;
      draft = null;
      const continued = begun ? await begun.finish(record) : null;
      const pdf = new Uint8Array(continued ?? (await renderRecordPdf(record)));
      warm();
      const reply: RecordPdfReply = { id, pdf, fromDraft: continued !== null };
      port.postMessage(reply, [pdf.buffer]);
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('RECORD_PDF', String(error));
      const reply: RecordPdfReply = { id, error: { code: e.code, message: e.message, hint: e.hint } };
      port.postMessage(reply);
    }
  };

  port.on('message', (message: RecordPdfRequest) => {
    asked = true;
    if ('draft' in message) {
      if (draftFrom === null) next(drawDraft);
      draftFrom = message.draft;
    } else {
      next(() => drawRecord(message.id, message.record));
    }
  });
}
