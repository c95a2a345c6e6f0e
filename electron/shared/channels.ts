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
} as const;

export type Channel = keyof typeof channels;
export type MethodName = (typeof channels)[Channel];
