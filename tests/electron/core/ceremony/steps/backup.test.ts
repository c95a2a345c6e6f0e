/**
 * The backup step with printed share sheets (issue 11, item 2), in a real ceremony session against the
 * embedded emulator: sheets go to the printer port, never to disk unless the officers chose to save one;
 * the backup is recorded only once every custodian holds their share; a cancelled print, or files that
 * cannot be written after sheets were printed, leave no backup recorded, no file, and nothing the expiry
 * planner would count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { startedSession } from '../helpers';
import { lazyEmulator, type LazyEmulator } from '../../../../../electron/main/lazy-emulator';
import type { CeremonySession } from '../../../../../electron/core/ceremony/session';
import type { SheetPrinting } from '../../../../../electron/core/ceremony/steps/print-sheets';
import type { PrintOutcome } from '../../../../../electron/core/custody';
import { AppError } from '../../../../../electron/core/errors';
import { keysWithBackup } from '../../../../../electron/core/lifecycle/backup-records';
import { readTranscript } from '../../../../../electron/core/transcript/reader';

let dir: string;
let emulator: LazyEmulator;
let recipient: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'backup-print-'));
  emulator = lazyEmulator(path.join(dir, 'kms'));
  recipient = await identityToRecipient(await generateIdentity());
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sessionWithMaterial() {
  const s = await startedSession(dir, emulator);
  await s.connect({ target: 'emulator' });
  const key = await s.createKey({
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    description: 'printed sheets',
    alias: null,
    multiRegion: false,
  });
  const material = await s.generateKeyMaterial();
  return { s, key, material };
}

/** A printer that keeps a copy of each printed sheet (the caller wipes its own buffer) and officers who say yes. */
function printing(script: PrintOutcome[] = [], answers: boolean[] = []) {
  const sheets: { title: string; pdf: Buffer; given: Buffer }[] = [];
  const p: SheetPrinting = {
    printer: {
      print(pdf, { title }) {
        const outcome = script.shift() ?? { printed: true };
        if (outcome.printed) sheets.push({ title, pdf: Buffer.from(pdf), given: pdf });
        return Promise.resolve(outcome);
      },
    },
    confirm: () => Promise.resolve(answers.shift() ?? true),
  };
  return { p, sheets };
}

const pdfText = (pdf: Buffer) => {
  const file = path.join(dir, `sheet-${Date.now()}-${Math.random()}.pdf`);
  writeFileSync(file, pdf, { mode: 0o600 });
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(file);
  }
};

type Event = { action: string; result: string; details: Record<string, unknown>; error?: { code: string } };
/** The backup events, read as the expiry planner reads them (transcript/reader.ts). */
function backupEvents(transcript: string): Event[] {
  return readTranscript(Buffer.from(transcript))
    .lines.map((l) => l.event as Event | undefined)
    .flatMap((e) => (e?.action === 'material.backed-up' ? [e] : []));
}

async function refusal(promise: Promise<unknown>, code: string): Promise<AppError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

const shares = (s: CeremonySession) => s.state().custody.backups;

describe('backup with printed share sheets', () => {
  it('prints every sheet, saves only the sheet the officers chose to save, and records form, printing and hash', async () => {
    const { s, key, material } = await sessionWithMaterial();
    const folder = path.join(dir, 'backup-1');
    mkdirSync(folder);
    const { p, sheets } = printing();
    const made = await s.makeBackup(
      {
        threshold: 2,
        shares: [
          { custodian: 'Carol Custodian', form: 'age-x25519', recipient },
          { custodian: 'Dave Keeper', form: 'printed-sheet' },
          { custodian: 'Erin Holder', form: 'printed-sheet', saveFile: true },
        ],
      },
      folder,
      p,
    );
    expect(made.shares.map((x) => [x.index, x.form, x.file?.replace(/^.*\./, '.') ?? null])).toEqual([
      [1, 'age-x25519', '.age'],
      [2, 'printed-sheet', null],
      [3, 'sheet-file', '.pdf'],
    ]);
    // On disk: the age file and the sheet Erin's officers chose to save, 0600; Dave's sheet only on paper.
    expect(readdirSync(folder).sort()).toEqual([made.shares[0]!.file, made.shares[2]!.file].sort());
    for (const f of readdirSync(folder)) expect(statSync(path.join(folder, f)).mode & 0o777).toBe(0o600);

    expect(sheets.map((x) => x.title)).toEqual([
      'Share 2 of 3 for Dave Keeper',
      'Share 3 of 3 for Erin Holder',
    ]);
    for (const x of sheets) expect(x.given.every((b) => b === 0)).toBe(true);
    const dave = pdfText(sheets[0]!.pdf);
    expect(dave).toContain('Share 2 of 3');
    expect(dave).toContain(`Check value: AES-CMAC ${material.checkValue.value}`);
    expect(dave).toContain('Received by: Dave Keeper');
    // The saved sheet is the sheet that was printed.
    expect(pdfText(sheets[1]!.pdf)).toBe(pdfText(readFileSync(path.join(folder, made.shares[2]!.file!))));

    const [event] = backupEvents(await s.transcriptText());
    expect(event).toMatchObject({ result: 'ok', details: { backupId: made.backupId, folder } });
    const recorded = event!.details.shares as Record<string, unknown>[];
    expect(recorded.map((r) => [r.index, r.custodian, r.form, r.printed ?? false, r.file ?? null])).toEqual([
      [1, 'Carol Custodian', 'age-x25519', false, made.shares[0]!.file],
      [2, 'Dave Keeper', 'printed-sheet', true, null],
      [3, 'Erin Holder', 'sheet-file', true, made.shares[2]!.file],
    ]);
    for (const [i, r] of recorded.entries()) expect(r.shareSha256).toBe(made.shares[i]!.shareSha256);
    await s.finishCeremony('completed', 'backup printed');
    expect(await keysWithBackup(path.join(dir, 'transcripts'))).toContain(key.keyId);
  });

  it('a cancelled print that is not retried records no backup and writes no file; the planner sees none', async () => {
    const { s, key } = await sessionWithMaterial();
    const folder = path.join(dir, 'backup-2');
    mkdirSync(folder);
    // Dave's sheet prints and he holds it; Erin's print is cancelled and the officers do not print it again.
    const { p, sheets } = printing(
      [{ printed: true }, { printed: false, reason: 'cancelled' }],
      [true, false],
    );
    const error = await refusal(
      s.makeBackup(
        {
          threshold: 2,
          shares: [
            { custodian: 'Carol Custodian', form: 'age-x25519', recipient },
            { custodian: 'Dave Keeper', form: 'printed-sheet', saveFile: true },
            { custodian: 'Erin Holder', form: 'printed-sheet' },
          ],
        },
        folder,
        p,
      ),
      'BACKUP_ABANDONED',
    );
    expect(error.message).toContain('share 3 of 3 for Erin Holder was not printed');
    expect(error.hint).toContain('Destroy the sheets already printed (share 2 of 3 for Dave Keeper)');
    expect(sheets).toHaveLength(1);
    expect(readdirSync(folder)).toEqual([]);
    expect(shares(s)).toEqual([]);
    const events = backupEvents(await s.transcriptText());
    expect(events).toMatchObject([{ result: 'error', error: { code: 'BACKUP_ABANDONED' } }]);
    expect(events[0]!.details.backupId).toBeUndefined();
    await s.finishCeremony('aborted', 'backup abandoned');
    expect(await keysWithBackup(path.join(dir, 'transcripts'))).not.toContain(key.keyId);
  });

  it('files that cannot be written after the sheets were printed abandon the backup and name the sheets', async () => {
    const { s } = await sessionWithMaterial();
    const { p } = printing();
    const error = await refusal(
      s.makeBackup(
        {
          threshold: 2,
          shares: [
            { custodian: 'Carol Custodian', form: 'age-x25519', recipient },
            { custodian: 'Dave Keeper', form: 'printed-sheet' },
          ],
        },
        path.join(dir, 'no-such-folder'),
        p,
      ),
      'BACKUP_ABANDONED',
    );
    expect(error.message).toContain('the share files could not be written');
    expect(error.hint).toContain('share 2 of 2 for Dave Keeper');
    expect(shares(s)).toEqual([]);
    await s.finishCeremony('aborted', 'no folder');
  });

  it('without a printer (a script) a printed sheet is refused before anything happens; a saved sheet is written', async () => {
    const { s } = await sessionWithMaterial();
    const folder = path.join(dir, 'backup-4');
    mkdirSync(folder);
    await refusal(
      s.makeBackup(
        {
          threshold: 2,
          shares: [
            { custodian: 'Carol Custodian', form: 'sheet-file' },
            { custodian: 'Dave Keeper', form: 'printed-sheet' },
          ],
        },
        folder,
      ),
      'NO_PRINTER',
    );
    expect(readdirSync(folder)).toEqual([]);
    const made = await s.makeBackup(
      {
        threshold: 2,
        shares: [
          { custodian: 'Carol Custodian', form: 'sheet-file' },
          { custodian: 'Dave Keeper', form: 'sheet-file' },
        ],
      },
      folder,
    );
    expect(made.shares.map((x) => x.form)).toEqual(['sheet-file', 'sheet-file']);
    expect(readdirSync(folder)).toHaveLength(2);
    const [event] = backupEvents(await s.transcriptText()).filter((e) => e.result === 'ok');
    expect((event!.details.shares as { printed?: boolean }[]).some((r) => r.printed)).toBe(false);
    await s.finishCeremony('completed', 'script-like backup');
  });
});
