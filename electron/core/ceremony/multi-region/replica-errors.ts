/**
 * KMS's refusal of other material in a replica, said for a multi-Region ceremony: every Region of a
 * multi-Region key must hold the primary's material (spec §4.4 step 3: IncorrectKeyMaterialException quoting
 * the primary's KeyMaterialId). Other errors pass through unchanged. Either way the Region's failure is kept
 * for the Regions table (multiRegionStatus), until that Region is proven.
 */
import { AppError } from '../../errors';
import type { CeremonyState } from '../state';

export function replicaMaterialError(s: CeremonyState, error: unknown): unknown {
  const mr = s.multiRegion;
  if (!mr || mr.current === mr.primaryRegion) return error;
  if (!(error instanceof AppError) || error.code !== 'IncorrectKeyMaterialException') {
    mr.failures.set(mr.current, error instanceof Error ? error.message : String(error));
    return error;
  }
  const expected = /\(([0-9a-f]{64})\)/.exec(error.message)?.[1];
  const explained = new AppError(
    error.code,
    `The material wrapped for ${mr.current} is not the primary’s: KMS expects the material whose KeyMaterialId is ${expected ?? 'the primary’s'} (the primary in ${mr.primaryRegion}). Every Region of a multi-Region key holds the same material.`,
    'Load the primary’s material again (the same file, or its backup), wrap it for this Region, and import.',
  );
  mr.failures.set(mr.current, explained.message);
  return explained;
}
