export { buildCeremonyRecord, detailLines, RECORD_FORMAT, RECORD_VERSION } from './record-model';
export type { CeremonyRecord, RecordStep, RecordFingerprint } from './record-model';
export { renderRecordHtml } from './html';
export { renderRecordPdf, recordPdfLines } from './record-pdf';
export { renderTextPdf, wrapText, toWinAnsi } from './pdf';
export type { PdfLine } from './pdf';
export { writeCeremonyRecord } from './write-record';
export { readRecordedHead } from './record-head';
export type { RecordedHead } from './record-head';
