export { buildCeremonyRecord, RECORD_FORMAT, RECORD_VERSION } from './record-model';
export type {
  CeremonyRecord,
  RecordStep,
  RecordFingerprint,
  RecordSummary,
  RecordCheckValue,
} from './record-model';
export { recordContent, REHEARSAL_MARK } from './record-content';
export type { RecordBlock } from './record-content';
export { eventTitle, eventFacts, detailFact } from './event-text';
export { renderRecordHtml } from './html';
export { renderRecordPdf } from './record-pdf';
export { writeCeremonyRecord } from './write-record';
export { prepareRecordPdfThread } from './record-pdf-thread';
export { readRecordedHead } from './record-head';
export type { RecordedHead } from './record-head';
