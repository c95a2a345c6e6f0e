/** Turns main's compatibility rows into picker options: allowed or not, and why not. */
import type { KeyDescription } from '../../../../electron/shared/ipc-contract';

type Combination = KeyDescription['combinations'][number];

export interface Option {
  value: string;
  allowed: boolean;
  reason: string | null;
}

const unique = (xs: string[]) => [...new Set(xs)];

/** An algorithm is offered if some wrapping key spec allows it. */
export function algorithmOptions(combinations: Combination[]): Option[] {
  return unique(combinations.map((c) => c.wrappingAlgorithm)).map((value) => {
    const rows = combinations.filter((c) => c.wrappingAlgorithm === value);
    const allowed = rows.some((c) => c.allowed);
    return { value, allowed, reason: allowed ? null : (rows.find((c) => c.reason)?.reason ?? null) };
  });
}

/** Wrapping key specs for the chosen algorithm, each with its own reason. */
export function keySpecOptions(combinations: Combination[], algorithm: string): Option[] {
  return combinations
    .filter((c) => c.wrappingAlgorithm === algorithm)
    .map((c) => ({ value: c.wrappingKeySpec, allowed: c.allowed, reason: c.allowed ? null : c.reason }));
}

/** Keeps the spec if it still fits the algorithm, else the first allowed one. */
export function fitSpec(combinations: Combination[], algorithm: string, spec: string): string {
  const options = keySpecOptions(combinations, algorithm);
  if (options.some((o) => o.value === spec && o.allowed)) return spec;
  return options.find((o) => o.allowed)?.value ?? '';
}
