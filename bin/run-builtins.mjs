// The Node built-in modules that `kms-ceremony run` loads whatever the script says (the AWS SDK's HTTP
// handler, crypto, the record worker, the transcript's streams). bin/kms-ceremony.mjs loads them before it
// changes a V8 flag, after which V8 refuses Node's code cache for a built-in and compiles it from source
// (~30 ms for these instead of ~10 ms on our 2-core machine). tests/electron/cli/run-builtins.test.ts
// checks that a ceremony loads no other public built-in after the flag.
import { createRequire } from 'node:module';

export const RUN_BUILTINS = [
  'string_decoder',
  'stream',
  'stream/promises',
  'diagnostics_channel',
  'worker_threads',
  'crypto',
  'os',
  'vm',
  'fs/promises',
  'process',
  'net',
  'tls',
  'http',
  'https',
  'zlib',
];

export function loadRunBuiltins() {
  const require = createRequire(import.meta.url);
  for (const name of RUN_BUILTINS) require(name);
}
