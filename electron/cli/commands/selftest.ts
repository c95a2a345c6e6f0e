import { runSelfTests } from '../../core/crypto';
import type { Command } from '../command';
import { parseCommandArgs } from '../crypto-cli';

const usage = `Usage: kms-ceremony selftest

Runs the crypto known-answer tests (RFC 5649 key wrap, RFC 4493 CMAC, RSA-OAEP SHA-1/SHA-256 against
OpenSSL-made ciphertexts, an RSA_AES_KEY_WRAP round trip). Exit code 1 if any fails.`;

export const selftestCommand: Command = {
  name: 'selftest',
  usage,
  async run(args, io) {
    parseCommandArgs(args, {}, usage);
    const report = await runSelfTests();
    for (const r of report.results)
      (r.ok ? io.stdout : io.stderr)(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name} — ${r.detail}`);
    const failed = report.results.filter((r) => !r.ok).length;
    (failed ? io.stderr : io.stdout)(
      failed
        ? `${failed} of ${report.results.length} self-tests FAILED: wrapping is refused on this build.`
        : `All ${report.results.length} self-tests passed (${report.ranAt}).`,
    );
    return failed ? 1 : 0;
  },
};
