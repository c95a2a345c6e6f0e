/** What each step writes into the transcript's `details`: digests, sizes and names — never key material. */
import type { Json } from '../transcript';
import type { ImportParameters, MaterialInfo } from '../../shared/ipc-contract';

export type Details = Record<string, Json>;

export function bundleReadDetails(r: {
  source: string;
  parameters: ImportParameters;
  fixes: {
    file: string;
    what: string;
    before: { size: number; sha256: string };
    after: { size: number; sha256: string };
  }[];
}): Details {
  return {
    source: r.source,
    publicKeySha256: r.parameters.publicKey.sha256,
    parametersValidTo: r.parameters.parametersValidTo,
    fixes: r.fixes.map(
      (f) =>
        `${f.file}: ${f.what} (${f.before.size}→${f.after.size} bytes, sha256 ${f.before.sha256}→${f.after.sha256})`,
    ),
  };
}

export function parametersDetails(p: ImportParameters): Details {
  return {
    wrappingAlgorithm: p.wrappingAlgorithm,
    wrappingKeySpec: p.wrappingKeySpec,
    parametersValidTo: p.parametersValidTo,
    publicKeySha256: p.publicKey.sha256,
    importTokenSha256: p.importTokenSha256,
  };
}

export function materialDetails(m: MaterialInfo): Details {
  return {
    source: m.source,
    size: m.length,
    formatFound: m.formatFound,
    checkValue: m.checkValue.value,
    checkValueKind: m.checkValue.kind,
    publicKeySha256: m.publicKeySha256,
    notes: m.notes,
  };
}
