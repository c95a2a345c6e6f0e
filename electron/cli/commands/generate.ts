import { checkValue, generateKeyMaterial } from '../../core/crypto';
import type { Command } from '../command';
import { keySpecArg, parseCommandArgs, refuseExisting, required, writeNewFile } from '../crypto-cli';
import { formatCheckValue } from '../../shared/display/hash-format';

const usage = `Usage: kms-ceremony generate --key-spec <SPEC> --out <file>

Generates fresh key material in the exact form KMS imports (raw bytes for SYMMETRIC_DEFAULT/HMAC_*, PKCS#8 DER
for RSA/ECC keys). The file is created with mode 0600 and never overwritten. Keep it offline; wipe it after import.`;

export const generateCommand: Command = {
  name: 'generate',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(
      args,
      { 'key-spec': { type: 'string' }, out: { type: 'string' } },
      usage,
    );
    const keySpec = keySpecArg(values['key-spec'], usage);
    const out = required(values.out, 'out', usage);
    refuseExisting(out);
    const material = await generateKeyMaterial(keySpec);
    try {
      const check = checkValue(keySpec, material);
      material.use((bytes) => writeNewFile(out, bytes, 0o600));
      io.stdout(
        `Generated ${keySpec} material: ${out} (${material.length} bytes, mode 0600).\n` +
          `  check value ${formatCheckValue(check)}${check.legacyEcbKcv ? ` (${formatCheckValue({ kind: 'AES-ECB', value: check.legacyEcbKcv })})` : ''}`,
      );
      return 0;
    } finally {
      material.wipe();
    }
  },
};
