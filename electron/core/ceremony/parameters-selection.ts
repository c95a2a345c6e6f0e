/** Reading the import parameters an offline station is given, and what the officers must add when they are silent. */
import { readParametersInput, type ParametersInput } from '../bundles';
import { isKeySpec, isWrappingAlgorithm, type KeySpec, type WrappingAlgorithm } from '../crypto';
import { AppError } from '../errors';

export interface ParametersSelection {
  path: string;
  /** Only when the input does not say (a bare public key, the CLI JSON). */
  keySpec: string | null;
  wrappingAlgorithm: string | null;
}

export type ReadParameters = {
  input: ParametersInput;
  keySpec: KeySpec;
  wrappingAlgorithm: WrappingAlgorithm;
};

export async function readParameters(selection: ParametersSelection): Promise<ReadParameters> {
  const input = await readParametersInput(selection.path);
  const keySpec = input.keySpec ?? selection.keySpec;
  const wrappingAlgorithm = input.wrappingAlgorithm ?? selection.wrappingAlgorithm;
  if (!keySpec || !isKeySpec(keySpec) || !wrappingAlgorithm || !isWrappingAlgorithm(wrappingAlgorithm)) {
    throw new AppError(
      'NEEDS_DETAILS',
      `This ${input.source} does not say the key spec or the wrapping algorithm (found: ${input.keySpec ?? 'no key spec'}, ${input.wrappingAlgorithm ?? 'no algorithm'}).`,
      'Choose the key spec and wrapping algorithm that were used on the online station, then load it again.',
    );
  }
  if (!input.parametersValidTo) {
    throw new AppError(
      'NEEDS_DETAILS',
      `This ${input.source} does not say until when the parameters are valid.`,
      'Use the parameters bundle written by the online station.',
    );
  }
  return { input, keySpec, wrappingAlgorithm };
}
