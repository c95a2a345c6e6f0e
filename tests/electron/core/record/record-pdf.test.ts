/**
 * record-pdf.ts: a record drawn in two parts — its steps drafted while the transcript grows, the rest once
 * it is closed — is byte for byte the record drawn in one go; the summary part reads first; a draft the
 * record's steps do not continue is refused, so the record is then drawn anew (record-pdf-worker.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCeremonyRecord, renderRecordPdf, type CeremonyRecord } from '../../../../electron/core/record';
import { stepsSection } from '../../../../electron/core/record/record-content';
import { RecordPdfDraft } from '../../../../electron/core/record/record-pdf';
import { draftSteps, recordKeyArn } from '../../../../electron/core/record/record-steps';
import { regeneratedCeremony } from './fixtures';

let text: string;
let record: CeremonyRecord;
let whole: Buffer;
beforeAll(async () => {
  const c = await regeneratedCeremony();
  text = c.text;
  record = buildCeremonyRecord(text, { trustedKeys: [c.key.publicKey], generatedAt: new Date(0) });
  whole = await renderRecordPdf(record);
}, 60_000);

/** The steps part drafted from the first `lines` lines of the transcript, as the worker drafts it. */
function drafted(lines: number) {
  const steps = draftSteps(`${text.split('\n').slice(0, lines).join('\n')}\n`);
  return stepsSection(steps, recordKeyArn(steps));
}

function pageTexts(pdf: Buffer): string[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kms-record-pdf-')), 'r.pdf');
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }),
  );
}

describe('RecordPdfDraft', () => {
  it('steps drafted as the transcript grows, then the record: the same bytes as drawn in one go', async () => {
    const draft = await RecordPdfDraft.begin();
    const events = text.split('\n').filter(Boolean).length;
    for (const lines of [2, 5, 5, 9, events]) expect(draft.add(drafted(lines))).toBe(true);
    expect(draft.blocksDrawn).toBe(1 + events); // the heading and one block per event
    const pdf = await draft.finish(record);
    expect(pdf!.equals(whole)).toBe(true);
    expect(draft.add(drafted(events))).toBe(false); // used up
  }, 60_000);

  it('reads the summary first, the steps from a page of their own, the sign-off last; pages numbered', () => {
    const pages = pageTexts(whole);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]).toMatch(/^[\s\S]*Key ceremony record — REHEARSAL[\s\S]*Summary/);
    const stepsAt = pages.findIndex((p) => /^\s*(REHEARSAL[^\n]*\n\s*)?Steps\n/.test(p));
    expect(stepsAt).toBeGreaterThan(0);
    expect(pages.slice(0, stepsAt).join('')).toContain('Stations');
    expect(pages.slice(0, stepsAt).join('')).not.toMatch(/online #1 /);
    expect(pages[stepsAt]).toMatch(/online #1 /);
    const signOffAt = pages.findIndex((p) => p.includes('Sign-off'));
    expect(signOffAt).toBeGreaterThanOrEqual(stepsAt);
    const afterSignOff = pages.slice(signOffAt).join('').split('Sign-off')[1]!;
    expect(afterSignOff).toContain('Signature: ____');
    expect(afterSignOff).not.toMatch(/online #\d+ /);
    pages.forEach((p, i) => expect(p).toContain(`page ${i + 1} of ${pages.length}`));
  });

  it('refuses steps that do not continue what it drew, and a record whose steps do not', async () => {
    const draft = await RecordPdfDraft.begin();
    expect(draft.add(drafted(6))).toBe(true);
    const changed = drafted(6).map((b) => (b.kind === 'event' ? { ...b, title: `${b.title}!` } : b));
    expect(draft.add(changed)).toBe(false);
    expect(draft.blocksDrawn).toBe(6 + 1);
    const other = structuredClone(record);
    other.steps[2] = { ...other.steps[2]!, action: 'kms.requested', details: { operation: 'Other' } };
    expect(await draft.finish(other)).toBeNull();
  }, 60_000);
});
