import { digestOf, normaliseFile, type Fix, type FormatFound, type NormaliseOptions } from './normalise';

export interface NormalisedFileReport {
  name: string;
  formatFound: FormatFound;
  /** Size and SHA-256 after normalisation (each fix lists before/after). */
  size: number;
  sha256: string;
  fixes: Fix[];
}

/** Normalises one file and records what was done to it in `reports` (shown to the operator, recorded). */
export function normaliseInto(
  reports: NormalisedFileReport[],
  name: string,
  raw: Uint8Array,
  options: Omit<NormaliseOptions, 'name'>,
): Buffer {
  const result = normaliseFile(raw, { ...options, name });
  reports.push({ name, formatFound: result.formatFound, ...digestOf(result.bytes), fixes: result.fixes });
  return result.bytes;
}
