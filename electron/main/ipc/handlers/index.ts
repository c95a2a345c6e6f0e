/** The handler table: one entry per contract channel (the type makes a missing one a compile error). */
import type { MainContext } from '../../context';
import type { HandlerTable } from '../dispatch';
import { appInfo, runSelfTest } from './app-info';
import { connect, disconnect, listProfiles } from './connection';
import {
  approveImport,
  getImportParameters,
  importKeyMaterial,
  requestImportApproval,
  saveImportFiles,
  sessionState,
  verifyImport,
  wrapKeyMaterial,
} from './import';
import {
  createKey,
  deleteImportedKeyMaterial,
  describeKey,
  keySpecOptions,
  listKeyMaterials,
  listKeys,
  setKeyEnabled,
} from './keys';
import { exportExpiryPlan, planExpiry } from './expiry';
import { clearKeyMaterial, generateKeyMaterial, loadKeyMaterial } from './material';
import * as custody from './custody';
import {
  exportParametersBundle,
  exportWrappedBundle,
  loadParametersBundle,
  loadWrappedBundle,
} from './bundles';
import {
  abortInterruptedCeremony,
  confirmFingerprint,
  exportStationPublicKey,
  finishCeremony,
  listInterruptedCeremonies,
  startCeremony,
  verifyTranscriptFileHandler,
  viewCurrentTranscript,
} from './ceremony';
import { exportClosed, listClosed } from './closed-ceremonies';
import * as multiRegion from './multi-region';
import * as airGapRegions from './air-gap-regions';
import * as rotation from './rotation';

export function createHandlers(ctx: MainContext): HandlerTable {
  return {
    'app:info': appInfo(ctx),
    'selftest:run': runSelfTest,
    'connection:profiles': listProfiles(ctx),
    'connection:connect': connect(ctx),
    'connection:disconnect': disconnect(ctx),
    'keys:specOptions': keySpecOptions(ctx),
    'keys:list': listKeys(ctx),
    'keys:create': createKey(ctx),
    'keys:describe': describeKey(ctx),
    'keys:materials': listKeyMaterials(ctx),
    'expiry:plan': planExpiry(ctx),
    'expiry:export': exportExpiryPlan(ctx),
    'keys:setEnabled': setKeyEnabled(ctx),
    'keys:deleteMaterial': deleteImportedKeyMaterial(ctx),
    'params:get': getImportParameters(ctx),
    'material:generate': generateKeyMaterial(ctx),
    'material:load': loadKeyMaterial(ctx),
    'material:clear': clearKeyMaterial(ctx),
    'wrap:run': wrapKeyMaterial(ctx),
    'wrap:save': saveImportFiles(ctx),
    'import:run': importKeyMaterial(ctx),
    'import:requestApproval': requestImportApproval(ctx),
    'import:approve': approveImport(ctx),
    'verify:run': verifyImport(ctx),
    'rotation:check': rotation.checkRotation(ctx),
    'rotation:begin': rotation.beginRotation(ctx),
    'rotation:requestApproval': rotation.requestRotationApproval(ctx),
    'rotation:approve': rotation.approveRotation(ctx),
    'rotation:rotate': rotation.rotateKeyOnDemand(ctx),
    'rotation:progress': rotation.rotationProgress(ctx),
    'rotation:prove': rotation.proveRotation(ctx),
    'rotation:regions': rotation.rotationRegions(ctx),
    'session:state': sessionState(ctx),
    'ceremony:interrupted': listInterruptedCeremonies(ctx),
    'ceremony:abortInterrupted': abortInterruptedCeremony(ctx),
    'ceremony:start': startCeremony(ctx),
    'ceremony:finish': finishCeremony(ctx),
    'ceremony:confirmFingerprint': confirmFingerprint(ctx),
    'transcript:view': viewCurrentTranscript(ctx),
    'transcript:verifyFile': verifyTranscriptFileHandler(ctx),
    'ceremony:closed': listClosed(ctx),
    'record:exportClosed': exportClosed(ctx),
    'station:exportPublicKey': exportStationPublicKey(ctx),
    'bundle:exportParameters': exportParametersBundle(ctx),
    'bundle:loadParameters': loadParametersBundle(ctx),
    'bundle:exportWrapped': exportWrappedBundle(ctx),
    'bundle:loadWrapped': loadWrappedBundle(ctx),
    'custody:beginComponents': custody.beginComponents(ctx),
    'custody:combineComponents': custody.combineComponents(ctx),
    'custody:backup': custody.backUpMaterial(ctx),
    'custody:completeBackup': custody.completeBackup(ctx),
    'custody:beginRestore': custody.beginRestore(ctx),
    'custody:restore': custody.restoreFromShares(ctx),
    'custody:cancel': custody.cancelCustodyEntry(ctx),
    'custody:openEntry': custody.openCustodyEntry(ctx),
    'entry:status': custody.entryStatus(ctx),
    'entry:submitComponent': custody.submitComponent(ctx),
    'entry:submitComponentFile': custody.submitComponentFile(ctx),
    'entry:submitPassphrase': custody.submitBackupPassphrase(ctx),
    'entry:submitShareText': custody.submitShareText(ctx),
    'entry:submitShareFile': custody.submitShareFile(ctx),
    'multiRegion:status': multiRegion.multiRegionStatus(ctx),
    'multiRegion:replicate': multiRegion.replicateToRegions(ctx),
    'multiRegion:useRegion': multiRegion.useRegion(ctx),
    'multiRegion:prove': multiRegion.proveRegion(ctx),
    'airGap:fetchRegion': airGapRegions.fetchRegionParameters(ctx),
    'airGap:confirmRegionFingerprint': airGapRegions.confirmRegionFingerprint(ctx),
    'airGap:wrapRegions': airGapRegions.wrapForOtherRegions(ctx),
  };
}
