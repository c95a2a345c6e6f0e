import { WRAPPING_ALGORITHMS, type WrappingAlgorithm } from '../crypto';

/**
 * What can be read from the README the AWS console puts in its download. Its wording is not a documented
 * format (spec §6.1 only says it names the wrapping algorithm and the expiry), so this looks for the
 * algorithm's API name, a key ARN and an ISO-8601-like date; whatever it finds is marked "from README".
 */
export interface ConsoleReadmeFacts {
  wrappingAlgorithm: WrappingAlgorithm | null;
  parametersValidTo: string | null;
  keyArn: string | null;
}

const ALGORITHM = new RegExp(
  `\\b(${[...WRAPPING_ALGORITHMS].sort((a, b) => b.length - a.length).join('|')})\\b`,
);
const ARN = /arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+/;
const DATE = /\b(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?/;

export function readConsoleReadme(text: string): ConsoleReadmeFacts {
  const algorithm = ALGORITHM.exec(text)?.[1] as WrappingAlgorithm | undefined;
  const expiryLine = text.split('\n').find((l) => /expir|valid/i.test(l) && DATE.test(l));
  const date = DATE.exec(expiryLine ?? '');
  let validTo: string | null = null;
  if (date) {
    const zone =
      !date[3] || /^(Z|UTC|GMT)$/.test(date[3]) ? 'Z' : date[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const parsed = new Date(`${date[1]}T${date[2]}${zone}`);
    if (!Number.isNaN(parsed.getTime())) validTo = parsed.toISOString();
  }
  return {
    wrappingAlgorithm: algorithm ?? null,
    parametersValidTo: validTo,
    keyArn: ARN.exec(text)?.[0] ?? null,
  };
}
