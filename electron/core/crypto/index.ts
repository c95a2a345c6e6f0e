/** The crypto core's public API: everything outside electron/core/crypto imports from here only. */
export * from './kms-types';
export {
  COMPATIBILITY_TABLE,
  checkImportCompatibility,
  defaultWrapping,
  kmsIncompatibilityMessage,
} from './compatibility';
export type { Compatibility } from './compatibility';
export { Secret, secretFromTyped } from './secret';
export { aesKeyWrapPad, aesKeyUnwrapPad } from './aes-kwp';
export { aesCmac } from './cmac';
export { parseWrappingPublicKey } from './public-key';
export type { WrappingPublicKey } from './public-key';
export { CONSTRUCTIONS, oaepMaxPlaintext } from './constructions';
export { wrapKeyMaterial } from './wrap';
export type { WrapArgs } from './wrap';
export { unwrapKeyMaterial } from './unwrap';
export type { UnwrapArgs } from './unwrap';
export { validateMaterialForKeySpec } from './material/validate';
export type { Validity, ValidateOptions } from './material/validate';
export { runSelfTests, runSelfTestsWhileWaiting, lastSelfTest } from './self-test';
export type { SelfTestReport } from './self-test';
export { generateKeyMaterial } from './material/generate';
export { loadKeyMaterial, MATERIAL_FORMATS } from './material/load';
export type { MaterialFormat, LoadOptions, LoadedMaterial } from './material/load';
export { checkValue, publicKeyFromMaterial } from './check-values';
export type { CheckValue } from './check-values';
export { identifyContainer, CONTAINER_NAMES } from './material/container';
export type { Container } from './material/container';
export { readPassphraseFile, readSecretFile } from './secret-file';
