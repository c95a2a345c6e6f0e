export { canonicalJson } from './canonical-json';
export type { Json } from './canonical-json';
export {
  STATIONS,
  TERMINAL_ACTIONS,
  OPENED_ACTION,
  TORN_TAIL_ACTION,
  SEGMENT_MERGED_ACTION,
  TRANSCRIPT_FORMAT_VERSION,
  EventSchema,
  EventBodySchema,
} from './event';
export type { Station, EventInput, EventBody, TranscriptEvent } from './event';
export { genesisHash, lineHash, sha256Hex } from './chain';
export { assertNoSecrets } from './secret-guard';
export {
  loadOrCreateStationKey,
  exportStationPublicKey,
  trustedKeyFrom,
  keyIdOf,
  STATION_PRIVATE_KEY_FILE,
  STATION_PUBLIC_KEY_FILE,
} from './station-key';
export type { StationKey, TrustedKey } from './station-key';
export { verifyTranscript } from './verify';
export { CheckedLines } from './checked-lines';
export type {
  TranscriptVerification,
  TranscriptIntact,
  TranscriptBroken,
  TranscriptProblem,
  SegmentSummary,
  VerifyOptions,
} from './verify';
export { openTranscript, transcriptPath } from './writer';
export type { Transcript, AppendedEvent, OpenTranscriptOptions } from './writer';
export type { FileIo } from './append-file';
export { readTranscript } from './reader';
export type { ReadTranscript, TranscriptLine } from './reader';
export { findInterruptedCeremonies, markAborted } from './interrupted';
export type { InterruptedCeremony } from './interrupted';
export { newCeremonyId } from './ceremony-id';
