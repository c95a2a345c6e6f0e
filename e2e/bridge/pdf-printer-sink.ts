/**
 * The test bridge's share-sheet printer (issue 11): a virtual PDF printer, like a CUPS PDF queue, that writes
 * every job main hands it into the test's spool folder (0600) — the stand-in for paper, which a test reads
 * back with pdftotext. A test answers the print dialog for the next jobs ("cancelled", "failed") as a
 * custodian at the real dialog would; unanswered jobs print.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { PrintOutcome, ShareSheetPrinter } from '../../electron/core/custody';

export class PdfPrinterSink implements ShareSheetPrinter {
  /** Every job, in order: its title, the spooled file (printed jobs only) and how it ended. */
  readonly jobs: { title: string; file: string | null; outcome: PrintOutcome }[] = [];
  private readonly answers: PrintOutcome[] = [];

  constructor(readonly spool: string) {}

  /** The next job ends this way instead of printing. */
  answer(reason: 'cancelled' | 'failed', detail?: string): void {
    this.answers.push({ printed: false, reason, ...(detail ? { detail } : {}) });
  }

  async print(pdf: Buffer, { title }: { title: string }): Promise<PrintOutcome> {
    const scripted = this.answers.shift();
    if (scripted) {
      this.jobs.push({ title, file: null, outcome: scripted });
      return scripted;
    }
    const file = path.join(this.spool, `job-${this.jobs.length + 1}.pdf`);
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(pdf);
    } finally {
      await handle.close();
    }
    const outcome: PrintOutcome = { printed: true };
    this.jobs.push({ title, file, outcome });
    return outcome;
  }
}
