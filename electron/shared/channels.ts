/**
 * Channel name → method name on `window.ceremony`. Pure data, no zod, so the sandboxed preload
 * stays tiny; `ipc-contract.ts` adds the schemas (its `satisfies` keeps the two in step).
 */
export const channels = {
  'app:info': 'appInfo',
  'selftest:run': 'runSelfTest',
  'connection:profiles': 'listProfiles',
  'connection:connect': 'connect',
  'connection:disconnect': 'disconnect',
  'keys:specOptions': 'keySpecOptions',
  'keys:list': 'listKeys',
  'keys:create': 'createKey',
  'keys:describe': 'describeKey',
  'keys:setEnabled': 'setKeyEnabled',
  'keys:deleteMaterial': 'deleteImportedKeyMaterial',
  'keys:materials': 'listKeyMaterials',
  'expiry:plan': 'planExpiry',
  'expiry:export': 'exportExpiryPlan',
  'params:get': 'getImportParameters',
  'material:generate': 'generateKeyMaterial',
  'material:load': 'loadKeyMaterial',
  'material:clear': 'clearKeyMaterial',
  'wrap:run': 'wrapKeyMaterial',
  'wrap:save': 'saveImportFiles',
  'import:run': 'importKeyMaterial',
  'import:requestApproval': 'requestImportApproval',
  'import:approve': 'approveImport',
  'verify:run': 'verifyImport',
  // Rotation of imported material (issue 13)
  'rotation:check': 'checkRotation',
  'rotation:begin': 'beginRotation',
  'rotation:requestApproval': 'requestRotationApproval',
  'rotation:approve': 'approveRotation',
  'rotation:rotate': 'rotateKeyOnDemand',
  'rotation:progress': 'rotationProgress',
  'rotation:prove': 'proveRotation',
  'rotation:regions': 'rotationRegions',
  'session:state': 'sessionState',
  'ceremony:interrupted': 'listInterruptedCeremonies',
  'ceremony:abortInterrupted': 'abortInterruptedCeremony',
  'ceremony:start': 'startCeremony',
  'ceremony:finish': 'finishCeremony',
  'ceremony:confirmFingerprint': 'confirmFingerprint',
  'transcript:view': 'viewTranscript',
  'transcript:verifyFile': 'verifyTranscriptFile',
  'ceremony:closed': 'listClosedCeremonies',
  'record:exportClosed': 'exportClosedRecord',
  'station:exportPublicKey': 'exportStationPublicKey',
  'bundle:exportParameters': 'exportParametersBundle',
  'bundle:loadParameters': 'loadParametersBundle',
  'bundle:exportWrapped': 'exportWrappedBundle',
  'bundle:loadWrapped': 'loadWrappedBundle',
  // Custody (issue 11): the wizard names custodians, combines and backs up; it never carries a component or share.
  'custody:beginComponents': 'beginComponents',
  'custody:combineComponents': 'combineComponents',
  'custody:backup': 'backUpMaterial',
  'custody:completeBackup': 'completeBackup',
  'custody:beginRestore': 'beginRestoreFromBackup',
  'custody:restore': 'restoreFromShares',
  'custody:cancel': 'cancelCustodyEntry',
  'custody:openEntry': 'openCustodyEntry',
  // Multi-Region (issue 13): the renderer names Regions only; main opens each Region's connection.
  'multiRegion:status': 'multiRegionStatus',
  'multiRegion:replicate': 'replicateToRegions',
  'multiRegion:useRegion': 'useRegion',
  'multiRegion:prove': 'proveRegion',
  // … across the air gap: one bundle per direction carries every Region.
  'airGap:fetchRegion': 'fetchRegionParameters',
  'airGap:confirmRegionFingerprint': 'confirmRegionFingerprint',
  'airGap:wrapRegions': 'wrapForOtherRegions',
} as const;

/**
 * The custody entry window's channels (issue 11): its own preload exposes only these, as
 * `window.custodyEntry`, and main accepts them only from that window — so components and shares typed by
 * custodians never pass through the ceremony wizard's renderer.
 */
export const entryChannels = {
  'entry:status': 'custodyStatus',
  'entry:submitComponent': 'submitComponent',
  'entry:submitComponentFile': 'submitComponentFile',
  'entry:submitPassphrase': 'submitBackupPassphrase',
  'entry:submitShareText': 'submitShareText',
  'entry:submitShareFile': 'submitShareFile',
} as const;

export type Channel = keyof typeof channels;
export type EntryChannel = keyof typeof entryChannels;
/** Every channel main registers: the wizard's and the entry window's. */
export type AnyChannel = Channel | EntryChannel;
export type MethodName = (typeof channels)[Channel];
