export { normaliseFile, digestOf, isCompleteDer, derSequenceLength } from './normalise';
export type {
  ExpectedContent,
  NormaliseOptions,
  Fix,
  FileDigest,
  FormatFound,
  Normalised,
} from './normalise';
export type { NormalisedFileReport } from './file-report';
export {
  FILES,
  BUNDLE_VERSION,
  PARAMETERS_BUNDLE_FORMAT,
  WRAPPED_BUNDLE_FORMAT,
  ParametersManifestSchema,
  WrappedManifestSchema,
} from './manifest';
export type { ParametersManifest, WrappedManifest } from './manifest';
export { writeParametersBundle } from './parameters-bundle';
export type { ParametersBundleInput, WrittenBundle } from './parameters-bundle';
export { readParametersInput, parametersValidity } from './parameters-input';
export type { RegionParametersInput } from './parameters-input';
export type { ParametersInput, ParametersSource, ParametersValidity } from './parameters-input';
export { readConsoleReadme } from './console-readme';
export type { ConsoleReadmeFacts } from './console-readme';
export { writeWrappedBundle, readWrappedBundle, wrappedSizeRule } from './wrapped-bundle';
export type { WrappedBundleInput, ReadWrappedOptions, WrappedBundle } from './wrapped-bundle';
export type { BundleContainer } from './safe-write';
