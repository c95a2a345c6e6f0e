/**
 * The print port for share sheets (issue 11, item 2: "printed, never saved, unless the user explicitly saves
 * it"). Main renders a sheet's PDF in memory and hands it to a printer; the ceremony wizard's renderer never
 * receives it. The app's printer is a locked-down print window with the system print dialog
 * (electron/main/share-sheet-print-window.ts); the browser test bridge's is a virtual PDF printer writing to
 * the test's spool folder (e2e/bridge/pdf-printer-sink.ts).
 */

/**
 * How a print job ended. `printed` means the job was handed to the printer, not that a legible sheet came
 * out: the officers confirm that the custodian holds it (steps/print-sheets.ts).
 */
export type PrintOutcome =
  { printed: true } | { printed: false; reason: 'cancelled' | 'failed'; detail?: string };

export interface ShareSheetPrinter {
  /**
   * Prints one share sheet: `pdf` is an A4 PDF (custody/share-sheet-pdf.ts) in a non-pooled buffer the
   * caller wipes as soon as this settles, so the printer must neither keep a reference nor write it to disk.
   * `title` names the job ("Share 2 of 3 for Dave Keeper"). Resolves when the print dialog closed; rejects
   * only on a bug (an outcome `failed` is the normal way to report a printer's refusal).
   */
  print(pdf: Buffer, job: { title: string }): Promise<PrintOutcome>;
}
