/**
 * Printed share sheets, one custodian at a time (issue 11, item 2). PCI PIN practice hands a share over in
 * person and on receipt: the custodian takes the sheet from the printer, checks it, seals it and signs for
 * it. So each sheet is printed and then the officers confirm, in a native question from main (which a
 * compromised renderer can neither answer nor word), that the custodian holds it; a cancelled or failed
 * print, or a sheet that did not come out whole, is printed again or ends the backup. The backup is recorded
 * only after every custodian holds their share (steps/backup.ts): a share that was never received is never
 * written down as held.
 */
import type { Confirm } from '../../confirmation';
import type { PrintOutcome, ShareSheetPrinter } from '../../custody';
import { AppError } from '../../errors';

export interface SheetPrinting {
  printer: ShareSheetPrinter;
  /** The officers' native yes/no (Electron's message box; the test bridge's scripted dialog). */
  confirm: Confirm;
}

export interface SheetToPrint {
  /** "share 2 of 3" */
  label: string;
  custodian: string;
  /** The material's check value as printed on the sheet, e.g. "AES-CMAC 1A2B3C". */
  checkValue: string;
  /** Renders the sheet's PDF (a fresh non-pooled buffer, wiped after each print). */
  render: () => Promise<Buffer>;
}

/** Copies printed so far, by sheet: what must be destroyed if the backup is abandoned. */
export type PrintedCopies = Map<string, number>;

/**
 * Prints each sheet in turn until its custodian holds it. Resolves with the copies printed once every
 * custodian holds their sheet. Errors: BACKUP_ABANDONED when the officers decline to print a sheet again,
 * naming the sheets already printed (shares of a backup that will never be recorded: to be destroyed).
 */
export async function printSheets(sheets: readonly SheetToPrint[], p: SheetPrinting): Promise<PrintedCopies> {
  const copies: PrintedCopies = new Map();
  for (const sheet of sheets) {
    const name = `${sheet.label} for ${sheet.custodian}`;
    for (;;) {
      const outcome = await printOnce(sheet, p.printer, name);
      if (outcome.printed) {
        copies.set(name, (copies.get(name) ?? 0) + 1);
        if (await p.confirm(holdsQuestion(sheet))) break;
      }
      if (!(await p.confirm(againQuestion(name, outcome))))
        throw backupAbandoned(`${name} was not ${outcome.printed ? 'received' : 'printed'}.`, copies);
    }
  }
  return copies;
}

async function printOnce(
  sheet: SheetToPrint,
  printer: ShareSheetPrinter,
  name: string,
): Promise<PrintOutcome> {
  const pdf = await sheet.render();
  try {
    return await printer.print(pdf, { title: capital(name) });
  } catch (error) {
    // A printer that throws has not printed: the same question as a failed job, never a half-recorded backup.
    return {
      printed: false,
      reason: 'failed',
      detail: error instanceof Error ? error.message : String(error),
    };
  } finally {
    pdf.fill(0);
  }
}

const holdsQuestion = (sheet: SheetToPrint) => ({
  title: 'Share sheet printed',
  message: `Does ${sheet.custodian} hold ${sheet.label} (check value ${sheet.checkValue})?`,
  detail:
    'Confirm only when the custodian has taken the sheet from the printer, checked that every line is legible ' +
    'and that it shows their name, the share number and the check value, and sealed it. If it did not come ' +
    'out whole, cancel: you can print it again.',
  confirmLabel: 'Custodian holds the sheet',
});

const againQuestion = (name: string, outcome: PrintOutcome) => ({
  title: 'Share sheet not handed over',
  message: outcome.printed
    ? `${capital(name)} was printed but the custodian does not hold it.`
    : `Printing ${name} ${outcome.reason === 'cancelled' ? 'was cancelled' : `failed${outcome.detail ? `: ${outcome.detail}` : ''}`}.`,
  detail:
    'Print it again (destroy any partial copy in front of the witness first), or cancel to abandon this ' +
    'backup: then nothing is recorded and no file is written.',
  confirmLabel: 'Print again',
});

/**
 * The error that ends a backup after sheets may have been printed: `why` and, when there are any, the copies
 * to destroy. Nothing of the backup is recorded as made or written (steps/backup.ts).
 */
export function backupAbandoned(why: string, copies: PrintedCopies): AppError {
  const printed = [...copies].map(([name, n]) => (n > 1 ? `${name} (${n} copies)` : name));
  return new AppError(
    'BACKUP_ABANDONED',
    `No backup was made: ${why.replace(/\.$/, '')}. No share is recorded as held and no file was written.`,
    printed.length > 0
      ? `Destroy the sheets already printed (${printed.join(', ')}) in front of the witness: they are shares of a backup that was never recorded. Then make the backup again.`
      : 'Check the printer, then make the backup again.',
  );
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
