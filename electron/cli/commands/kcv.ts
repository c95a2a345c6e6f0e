import { checkValue } from '../../core/crypto';
import type { Command } from '../command';
import { loadMaterialArgs, MATERIAL_OPTIONS, parseCommandArgs } from '../crypto-cli';
import { formatCheckValue } from '../../shared/display/hash-format';

const usage = `Usage: kms-ceremony kcv --key-spec <SPEC> --material <file> [--material-format <FMT>] [--passphrase-file <file>]

Prints the check value of key material, so people can compare keys without seeing them:
  SYMMETRIC_DEFAULT  first 3 bytes of AES-CMAC over 16 zero bytes (and the legacy AES-ECB zero-block KCV)
  HMAC_*             first 3 bytes of HMAC-SHA-n over 16 zero bytes
  RSA_* / ECC_*      SHA-256 of the public key (DER SubjectPublicKeyInfo)`;

export const kcvCommand: Command = {
  name: 'kcv',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, MATERIAL_OPTIONS, usage);
    const { keySpec, loaded } = await loadMaterialArgs(values, usage);
    try {
      const check = checkValue(keySpec, loaded.material);
      for (const note of loaded.notes) io.stdout(`note: ${note}`);
      io.stdout(formatCheckValue(check));
      if (check.legacyEcbKcv) io.stdout(formatCheckValue({ kind: 'AES-ECB', value: check.legacyEcbKcv }));
      return 0;
    } finally {
      loaded.material.wipe();
    }
  },
};
