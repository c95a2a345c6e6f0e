/**
 * Printed share sheets one by one (issue 11): each sheet is printed until the officers confirm its custodian
 * holds it; a cancelled, failed or unreceived sheet is printed again or ends the backup, naming every copy
 * already printed. The PDF handed to the printer is wiped as soon as the job settles.
 */
import { describe, expect, it } from 'vitest';
import type { NativeConfirmation } from '../../../../../electron/core/confirmation';
import type { PrintOutcome, ShareSheetPrinter } from '../../../../../electron/core/custody';
import { AppError } from '../../../../../electron/core/errors';
import { printSheets, type SheetToPrint } from '../../../../../electron/core/ceremony/steps/print-sheets';

/** A printer that answers from a script (default: printed) and keeps what it was given, to check the wipe. */
function fakePrinter(script: (PrintOutcome | 'throw')[] = []) {
  const jobs: { title: string; pdf: Buffer; copyAtPrint: string }[] = [];
  const printer: ShareSheetPrinter = {
    print(pdf, { title }) {
      jobs.push({ title, pdf, copyAtPrint: pdf.toString('latin1') });
      const next = script.shift() ?? { printed: true };
      if (next === 'throw') return Promise.reject(new Error('printer on fire'));
      return Promise.resolve(next);
    },
  };
  return { printer, jobs };
}

/** The officers' answers in order; every question asked is kept. */
function officers(answers: boolean[]) {
  const asked: NativeConfirmation[] = [];
  const confirm = (q: NativeConfirmation) => {
    asked.push(q);
    if (answers.length === 0) throw new Error(`unexpected question: ${q.message}`);
    return Promise.resolve(answers.shift()!);
  };
  return { confirm, asked };
}

const sheets: SheetToPrint[] = [1, 2].map((i) => ({
  label: `share ${i} of 3`,
  custodian: ['Carol Custodian', 'Dave Keeper'][i - 1]!,
  checkValue: 'AES-CMAC 1A2B3C',
  render: () => Promise.resolve(Buffer.from(`%PDF sheet ${i} with share bytes`)),
}));

async function abandoned(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('BACKUP_ABANDONED');
  return error as AppError;
}

describe('printSheets', () => {
  it('prints each sheet in order and asks whether its custodian holds it; the PDF is wiped after each job', async () => {
    const { printer, jobs } = fakePrinter();
    const { confirm, asked } = officers([true, true]);
    const copies = await printSheets(sheets, { printer, confirm });
    expect(jobs.map((j) => j.title)).toEqual([
      'Share 1 of 3 for Carol Custodian',
      'Share 2 of 3 for Dave Keeper',
    ]);
    expect(jobs[0]!.copyAtPrint).toContain('sheet 1');
    for (const job of jobs) expect(job.pdf.every((b) => b === 0)).toBe(true);
    expect(asked.map((q) => q.message)).toEqual([
      'Does Carol Custodian hold share 1 of 3 (check value AES-CMAC 1A2B3C)?',
      'Does Dave Keeper hold share 2 of 3 (check value AES-CMAC 1A2B3C)?',
    ]);
    expect(asked[0]!.confirmLabel).toBe('Custodian holds the sheet');
    expect([...copies]).toEqual([
      ['share 1 of 3 for Carol Custodian', 1],
      ['share 2 of 3 for Dave Keeper', 1],
    ]);
  });

  it('prints a cancelled sheet again when the officers ask for it', async () => {
    const { printer, jobs } = fakePrinter([{ printed: true }, { printed: false, reason: 'cancelled' }]);
    const { confirm, asked } = officers([true, true, true]);
    await printSheets(sheets, { printer, confirm });
    expect(jobs).toHaveLength(3);
    expect(asked[1]).toMatchObject({
      message: 'Printing share 2 of 3 for Dave Keeper was cancelled.',
      confirmLabel: 'Print again',
    });
  });

  it('a cancelled print that is not retried abandons the backup and names the sheets already printed', async () => {
    const { printer } = fakePrinter([{ printed: true }, { printed: false, reason: 'cancelled' }]);
    const { confirm } = officers([true, false]);
    const error = await abandoned(printSheets(sheets, { printer, confirm }));
    expect(error.message).toBe(
      'No backup was made: share 2 of 3 for Dave Keeper was not printed. No share is recorded as held and no file was written.',
    );
    expect(error.hint).toContain('Destroy the sheets already printed (share 1 of 3 for Carol Custodian)');
  });

  it('a sheet printed but not received is printed again, and both copies are named if the backup is then abandoned', async () => {
    const { printer, jobs } = fakePrinter([{ printed: true }, { printed: true }]);
    // Carol's sheet jammed: not held, print again; the reprint is not held either; then abandon.
    const { confirm, asked } = officers([false, true, false, false]);
    const error = await abandoned(printSheets(sheets, { printer, confirm }));
    expect(jobs).toHaveLength(2);
    expect(asked[1]!.message).toBe(
      'Share 1 of 3 for Carol Custodian was printed but the custodian does not hold it.',
    );
    expect(error.message).toContain('share 1 of 3 for Carol Custodian was not received');
    expect(error.hint).toContain('share 1 of 3 for Carol Custodian (2 copies)');
  });

  it('a printer that fails or throws has not printed: the same question, and nothing to destroy if abandoned', async () => {
    const { printer } = fakePrinter([{ printed: false, reason: 'failed', detail: 'out of paper' }, 'throw']);
    const { confirm, asked } = officers([true, false]);
    const error = await abandoned(printSheets(sheets, { printer, confirm }));
    expect(asked.map((q) => q.message)).toEqual([
      'Printing share 1 of 3 for Carol Custodian failed: out of paper.',
      'Printing share 1 of 3 for Carol Custodian failed: printer on fire.',
    ]);
    expect(error.hint).toBe('Check the printer, then make the backup again.');
  });
});
