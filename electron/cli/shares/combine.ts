import { AppError } from '../../core/errors';
import { isKeySpec, KEY_SPECS } from '../../core/crypto';
import type { CliIo } from '../command';
import { COMBINE_USAGE } from './usage';

import { refuseExisting, writeNewFile } from '../crypto-cli';
import { readShares, SHARE_INPUT_OPTIONS, shareInputs } from './share-inputs';

export const EXPECTATION_OPTIONS = {
  key: { type: 'string' },
  'key-spec': { type: 'string' },
  'backup-id': { type: 'string' },
} as const;

export function expectation(values: Record<string, unknown>) {
  const keySpec = values['key-spec'];
  if (typeof keySpec === 'string' && !isKeySpec(keySpec)) {
    throw new AppError('USAGE', `Unknown --key-spec "${keySpec}".`, `One of: ${KEY_SPECS.join(', ')}.`);
  }
  return {
    ...(typeof values.key === 'string' ? { key: values.key } : {}),
    ...(typeof keySpec === 'string' && isKeySpec(keySpec) ? { keySpec } : {}),
    ...(typeof values['backup-id'] === 'string' ? { backupId: values['backup-id'].toUpperCase() } : {}),
  };
}

export async function runCombine(args: string[], io: CliIo): Promise<number> {
  const options = { ...SHARE_INPUT_OPTIONS, ...EXPECTATION_OPTIONS, out: { type: 'string' } } as const;
  const inputs = shareInputs(args, options, COMBINE_USAGE);
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({ args, options, strict: true });
  const out = values.out;
  if (out) refuseExisting(out);
  const { combineShares } = await import('../../core/custody');
  const shares = await readShares(inputs);
  try {
    const result = await combineShares(shares, expectation(values));
    try {
      const h = result.header;
      io.stdout(
        `Shares ${result.used.join(', ')} of backup ${h.backupId} rebuild the ${h.keySpec} material of ${h.key}: ` +
          `check value ${result.checkValue.kind} ${result.checkValue.value} matches the backup.`,
      );
      if (out) {
        result.material.use((bytes) => writeNewFile(out, bytes, 0o600));
        io.stdout(
          `Wrote the material to ${out} (${result.material.length} bytes, mode 0600). Wipe it after import.`,
        );
      } else {
        io.stdout('Nothing was written (give --out <file> to write the material).');
      }
      return 0;
    } finally {
      result.material.wipe();
    }
  } finally {
    for (const share of shares) share.bytes.wipe();
  }
}
