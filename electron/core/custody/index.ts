/** Custody of key material (issue 11): components in, M-of-N backup out, shares back in. */
export { custodianName, distinctCustodians } from './custodian-names';
export type { CustodianName } from './custodian-names';
export {
  acceptComponent,
  assertDistinctComponent,
  combineComponents,
  componentFileFormat,
  componentLength,
  MAX_COMPONENTS,
  MIN_COMPONENTS,
  xorComponents,
} from './components';
export type { AcceptedComponent, ComponentInput } from './components';
export { parseHexGroups } from './hex-groups';
export { parseCheckValueText } from './check-value-text';
export { assertShape, combineShares, splitMaterial } from './backup';
export type { Backup, CombineExpectation, SplitRequest } from './backup';
export { MAX_SHARES, MIN_SHARES, shareFileBase, shareLabel, shareSha256 } from './share';
export type { BackupHeader, Share, ShareHeader } from './share';
export { parseShareText, renderShareText } from './share-text';
export {
  checkPassphraseStrength,
  checkRecipient,
  decryptShare,
  encryptShare,
  readIdentityFile,
  DEFAULT_SCRYPT_WORK_FACTOR,
} from './share-age';
export type { AgeLock, AgeUnlock } from './share-age';
export { renderShareSheetPdf } from './share-sheet-pdf';
export type { SheetOptions } from './share-sheet-pdf';
export { backupRecordDetails, restoreRecordDetails } from './backup-record';
export type { BackupRecordDetails, ShareDelivery, ShareForm } from './backup-record';
export type { PrintOutcome, ShareSheetPrinter } from './share-sheet-printer';
