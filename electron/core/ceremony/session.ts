/**
 * One ceremony, step by step, in the main process: a thin facade over the ceremony state (./state.ts)
 * and its steps (./steps/), called by the IPC handler table and the `kms-ceremony run` runner alike.
 * Main owns everything sensitive — the KMS connection, the import token and the key material (a wiped
 * Secret) — and hands out only descriptions: lengths, check values, fingerprints and KMS results. Each
 * step checks its preconditions, changes nothing when it fails, and is written to the transcript.
 */
import type { Confirm } from '../confirmation';
import type { MaterialFormat, Secret } from '../crypto';
import type { ParametersSelection } from './parameters-selection';
import { approveImport, requestImportApproval } from './approval';
import { describeState } from './session-state';
import {
  disconnect,
  now,
  requireLog,
  newCeremonyState,
  type CeremonyState,
  type SessionOptions,
} from './state';
import { makeBackup, type BackupRequest } from './steps/backup';
import * as passphraseBackup from './steps/backup-passphrases';
import type { SheetPrinting } from './steps/print-sheets';
import * as bundles from './steps/bundles';
import * as components from './steps/components';
import { connect } from './steps/connect';
import { confirmFingerprint } from './steps/fingerprint';
import { closeSession, finishCeremony } from './steps/finish';
import { importKeyMaterial, type ImportRequest } from './steps/import';
import * as keys from './steps/key';
import * as material from './steps/material';
import * as parameters from './steps/parameters';
import * as multiRegion from './multi-region';
import * as rotation from './rotation';
import * as restore from './steps/restore';
import { startCeremony, type StartCeremonyRequest } from './steps/start';
import { verify } from './steps/verify';
import { saveImportFiles, wrap } from './steps/wrap';

export type { EmulatorEndpoint, SessionOptions } from './state';
export type { ParametersSelection };

export class CeremonySession {
  private readonly s: CeremonyState;

  constructor(options: SessionOptions) {
    this.s = newCeremonyState(options);
  }

  // ceremony & transcript
  startCeremony(req: StartCeremonyRequest) {
    return startCeremony(this.s, req);
  }
  finishCeremony(outcome: 'completed' | 'aborted', reason: string) {
    return finishCeremony(this.s, outcome, reason);
  }
  ceremony() {
    return this.s.log?.info() ?? null;
  }
  /** The transcript so far, for the viewer, the record and bundles. */
  transcriptText(): Promise<string> {
    return requireLog(this.s).text();
  }

  // connect & keys
  /** The renderer names a target only; the endpoint is main's decision (see ./steps/connect.ts). */
  connect(target: Parameters<typeof connect>[1], policy?: Parameters<typeof connect>[2]) {
    return connect(this.s, target, policy);
  }
  disconnect(): void {
    disconnect(this.s);
  }
  /** The embedded emulator's endpoint (started if need be), for read-only tools such as the expiry planner. */
  emulatorEndpoint() {
    return this.s.options.emulator();
  }
  /** The clock KMS judges expiry by: the connected emulator's or KMS's, else this machine's. */
  now(): Date {
    return now(this.s);
  }
  keySpecOptions() {
    return keys.keySpecOptions();
  }
  listKeys() {
    return keys.listKeys(this.s);
  }
  createKey(req: Parameters<typeof keys.createKey>[1]) {
    return keys.createKey(this.s, req);
  }
  describeKey(keyId: string) {
    return keys.describeKey(this.s, keyId);
  }
  setKeyEnabled(keyId: string, enabled: boolean) {
    return keys.setKeyEnabled(this.s, keyId, enabled);
  }
  /** Only on the ceremony's key, after main's own confirmation naming its ARN and aliases. */
  deleteImportedKeyMaterial(keyId: string, confirm: Confirm) {
    return keys.deleteImportedKeyMaterial(this.s, keyId, confirm);
  }

  // parameters & fingerprint
  getImportParameters(wrappingAlgorithm: string, wrappingKeySpec: string) {
    return parameters.getImportParameters(this.s, wrappingAlgorithm, wrappingKeySpec);
  }
  restoreParameters(saved: Parameters<typeof parameters.restoreParameters>[1]) {
    return parameters.restoreParameters(this.s, saved);
  }
  savedParameters() {
    return parameters.savedParameters(this.s);
  }
  confirmFingerprint(req: { witness: string; heardWords: string | null }) {
    return confirmFingerprint(this.s, req);
  }

  // material, wrap, import, verify
  /** `replace`: confirmed replacement of material already held (policy guard replace-material). */
  generateKeyMaterial(replace?: boolean) {
    return material.generateKeyMaterial(this.s, replace);
  }
  /** `opts.passphraseNotes`: how a script's passphrase file was converted (secret-text.ts), recorded. */
  loadKeyMaterial(
    filePath: string,
    format: MaterialFormat,
    passphrase: string | Secret | null,
    opts: { replace?: boolean; passphraseNotes?: string[] } = {},
  ) {
    return material.loadKeyMaterial(this.s, filePath, format, passphrase, opts);
  }
  clearKeyMaterial() {
    return material.clearKeyMaterial(this.s);
  }
  wrap() {
    return wrap(this.s);
  }
  saveImportFiles(folder: string) {
    return saveImportFiles(this.s, folder);
  }
  /** Main computes exactly what ImportKeyMaterial will send; witnesses approve its digest by name. */
  requestImportApproval(req: ImportRequest) {
    return requestImportApproval(this.s, req);
  }
  approveImport(req: { witness: string; digest: string }) {
    return approveImport(this.s, req);
  }
  importKeyMaterial(req: ImportRequest, confirm: { reimport?: boolean } = {}) {
    return importKeyMaterial(this.s, req, confirm);
  }
  verify() {
    return verify(this.s);
  }

  // rotation of imported material (./rotation/): the new material goes through the steps above, imported
  // with `newKeyMaterial`; then the witnesses approve RotateKeyOnDemand, which is awaited and proven.
  keyMaterials() {
    return rotation.listKeyMaterials(this.s);
  }
  /** `opts.continueMultiRegion`: the app continues an interrupted multi-Region rotation (./rotation/begin.ts). */
  checkRotation(opts?: rotation.ContinueOption) {
    return rotation.checkRotation(this.s, opts);
  }
  /** The app's rotation ceremony: refusals checked, recorded as a rotation; earlier parameters/material cleared. */
  beginRotation(opts?: rotation.ContinueOption) {
    return rotation.beginRotation(this.s, opts);
  }
  /** One reading of the rotation's progress (the app polls it; scripts use waitForRotation). */
  rotationProgress() {
    return rotation.pollRotation(this.s);
  }
  requestRotationApproval() {
    return rotation.requestRotationApproval(this.s);
  }
  approveRotation(req: { witness: string; digest: string }) {
    return rotation.approveRotation(this.s, req);
  }
  rotateKeyOnDemand() {
    return rotation.rotateKeyOnDemand(this.s);
  }
  waitForRotation(opts?: Parameters<typeof rotation.waitForRotation>[1]) {
    return rotation.waitForRotation(this.s, opts);
  }
  proveRotation() {
    return rotation.proveRotation(this.s);
  }
  /** A multi-Region rotation: which Regions hold the new material (read from KMS). */
  rotationRegions() {
    return rotation.rotationRegions(this.s);
  }

  // multi-Region ceremony (./multi-region/): the usual steps run once per Region after useRegion.
  replicateTo(regions: string[]) {
    return multiRegion.replicateTo(this.s, regions);
  }
  /** The app's: existing replicas refused, then main's native question naming the key and Regions. */
  replicateConfirmed(regions: string[], confirm: Confirm) {
    return multiRegion.replicateConfirmed(this.s, regions, confirm);
  }
  waitForReplicas(regions: string[], opts?: Parameters<typeof multiRegion.waitForReplicas>[2]) {
    return multiRegion.waitForReplicas(this.s, regions, opts);
  }
  useRegion(region: string) {
    return multiRegion.useRegion(this.s, region);
  }
  proveRegion() {
    return multiRegion.proveRegion(this.s);
  }
  multiRegionStatus() {
    return multiRegion.multiRegionStatus(this.s);
  }
  /** Read-only: refuses in words a replica that cannot take an import now (e.g. scheduled for deletion). */
  checkReplicasCanImport(regions?: readonly string[]) {
    return multiRegion.checkReplicasCanImport(this.s, regions);
  }
  // … and across the air gap (./multi-region/air-gap-regions.ts): one bundle per direction, every Region.
  fetchOtherRegionParameters(regions: readonly string[]) {
    return multiRegion.fetchOtherRegionParameters(this.s, regions);
  }
  airGapRegions() {
    return this.s.airGapRegions.map(multiRegion.regionInfo);
  }
  confirmRegionFingerprint(region: string, req: { witness: string; heardWords: string | null }) {
    return multiRegion.confirmRegionFingerprint(this.s, region, req);
  }
  wrapOtherRegions() {
    return multiRegion.wrapOtherRegions(this.s);
  }
  savedOtherRegions() {
    return multiRegion.savedOtherRegions(this.s);
  }
  restoreOtherRegions(saved: ReturnType<typeof multiRegion.savedOtherRegions>) {
    return multiRegion.restoreOtherRegions(this.s, saved);
  }
  useAirGapRegion(region: string) {
    return multiRegion.useAirGapRegion(this.s, region);
  }
  /** The app's: one Region at a time, and "Import into <Region>" (./multi-region/air-gap-app.ts). */
  fetchRegionParameters(region: string) {
    return multiRegion.fetchRegionParameters(this.s, region);
  }
  continueInRegion(region: string) {
    return multiRegion.continueInRegion(this.s, region);
  }

  // custody (issue 11): components in, M-of-N backup out, material back from shares
  beginComponents(req: { custodians: string[]; replace?: boolean }) {
    return components.beginComponents(this.s, req);
  }
  /** From the entry window only: the wizard never sees a component. */
  submitComponent(req: components.ComponentSubmission) {
    return components.submitComponent(this.s, req);
  }
  /** Before main asks a custodian for their component file: they are named and have not entered yet. */
  checkComponentCustodian(custodian: string): void {
    components.checkComponentCustodian(this.s, custodian);
  }
  combineComponents() {
    return components.combineEnteredComponents(this.s);
  }
  /** Prints the sheets (each until its custodian holds it), writes the files into `folder` (0600, all or none), records the backup. */
  makeBackup(req: BackupRequest, folder: string | null, printing?: SheetPrinting) {
    return makeBackup(this.s, req, folder, printing);
  }
  /** A backup with passphrase shares: checked now, written by `completeBackup` once each passphrase is set. */
  beginBackup(req: Parameters<typeof passphraseBackup.beginBackup>[1]) {
    return passphraseBackup.beginBackup(this.s, req);
  }
  /** From the entry window only: the wizard never sees a passphrase. */
  submitBackupPassphrase(req: Parameters<typeof passphraseBackup.submitBackupPassphrase>[1]) {
    return passphraseBackup.submitBackupPassphrase(this.s, req);
  }
  /** Refuses (before any folder is asked for) unless every passphrase is set for the material held. */
  checkBackupReady(): void {
    passphraseBackup.requireReadyPassphraseEntry(this.s);
  }
  /** The shares of the backup waiting for passphrases (names and forms; no passphrase), or none. */
  pendingBackupShares() {
    const entry = this.s.custody.entry;
    return entry?.kind === 'passphrases' ? entry.shares : [];
  }
  completeBackup(folder: string | null, printing?: SheetPrinting) {
    return passphraseBackup.completeBackup(this.s, folder, printing);
  }
  beginRestore(req: { checkValue?: string | null; replace?: boolean }) {
    return restore.beginRestore(this.s, req);
  }
  /** From the entry window only: the wizard never sees a share. */
  submitShare(req: restore.ShareSubmission) {
    return restore.submitShare(this.s, req);
  }
  restoreFromShares() {
    return restore.restoreFromShares(this.s);
  }
  cancelCustodyEntry() {
    return components.cancelCustodyEntry(this.s);
  }

  // air gap
  exportParametersBundle(folder: string) {
    return bundles.exportParametersBundle(this.s, folder);
  }
  loadParametersBundle(selection: ParametersSelection) {
    return bundles.loadParametersBundle(this.s, selection);
  }
  exportWrappedBundle(folder: string) {
    return bundles.exportWrappedBundle(this.s, folder);
  }
  loadWrappedBundle(input: string) {
    return bundles.loadWrappedBundle(this.s, input);
  }

  state() {
    return describeState(this.s);
  }
  /** Wipes the material and forgets the connection (app quit). The transcript stays open for resume. */
  close(): Promise<void> {
    return closeSession(this.s);
  }
}
