/**
 * npm run bench:ceremony — the scripted ceremony (`kms-ceremony run`, compiled CLI) against its peer, the
 * AWS CLI v2 (/usr/bin/aws) + OpenSSL runbook of the same ceremony (spec §3), both against one emulator
 * started here (the same code as `kms-ceremony emulator`). After one warm-up of each, N pairs alternate
 * which side goes first; before every run both sides wait until the emulator's wrapping-key pool is full
 * again. Prints min/median/max per side and the median of the per-pair ratios (runbook / ours):
 *   - SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_256 with RSA_4096, Encrypt/Decrypt round trip;
 *   - ECC_NIST_P256 (SIGN_VERIFY), RSA_AES_KEY_WRAP_SHA_256 with RSA_4096, Sign verified locally.
 * The warm-up run of each side also fills its compile caches, as any second run on a machine would: ours
 * writes the V8 code cache of run.cjs and of the record PDF worker (electron/cli/code-cache.ts), the AWS
 * CLI's Python reads its packages' .pyc files.
 * Both sides, and the start-up pairs below, run in one minimal environment (PATH, HOME, the AWS settings the
 * runbook needs), not in the environment of whoever started the benchmark: a variable that only one side
 * reads would tilt the comparison. Example: NODE_EXTRA_CA_CERTS, set on our CI machines, makes every Node
 * start read and parse that CA bundle (~40 ms here) although the emulator is plain HTTP on loopback.
 * Also CLI start-up: `kms-ceremony --help` vs `node -e 0`, alternating pairs.
 * `--smoke` (run by `npm test`): one pair of each, no warm-up; the figures mean nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { startEmulator } from '../electron/core/emulator/index';
// @ts-expect-error -- plain ESM build script without type declarations
import { ensureCli } from '../scripts/cli-build.mjs';

const SMOKE = process.argv.includes('--smoke');
const PAIRS = SMOKE ? 1 : Number(process.env.BENCH_PAIRS ?? 7);
const STARTUP_PAIRS = SMOKE ? 1 : 15;
const AWS = '/usr/bin/aws';
const BIN = path.resolve('bin/kms-ceremony.cjs');
const exec = promisify(execFile);

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const summary = (xs: number[]) =>
  `min ${ms(sorted(xs)[0]!)}  median ${ms(median(xs))}  max ${ms(sorted(xs).at(-1)!)}`;

/** User + sys time of a bash's children, from the second line `times` prints ("0m1.234s 0m0.056s"), in ms. */
function childCpu(timesOutput: string): number {
  const line = timesOutput.trim().split('\n').at(-1)!;
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return (secs[0]! + secs[1]!) * 1000;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Runs `a` and `b` in N pairs, alternating which goes first; `before` runs untimed before each run. */
async function pairs(
  n: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  before = async () => {},
) {
  const times = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < n; i++) {
    const order = i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const side of order) {
      await before();
      times[side].push(await timed(side === 'a' ? a : b));
    }
  }
  return { ...times, ratios: times.a.map((t, i) => times.b[i]! / t) };
}

interface Case {
  name: string;
  script: (endpoint: string, n: number) => string;
  runbook: string;
}

const CASES: Case[] = [
  {
    name: 'SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_256 / RSA_4096',
    script: (endpoint, n) => `ceremony: { operator: Bench Operator, witnesses: [Bench Witness] }
target: { emulator: { endpoint: "${endpoint}" } }
key: { create: { keySpec: SYMMETRIC_DEFAULT, description: bench ${n} } }
wrapping: { algorithm: RSAES_OAEP_SHA_256, keySpec: RSA_4096 }
fingerprint: { witness: Bench Witness }
material: { generate: true }
expiration: { validForDays: 90 }
approvedBy: [Bench Witness]
output: ./out
`,
    runbook: `
key=$($KMS create-key --origin EXTERNAL --query KeyMetadata.KeyId)
$KMS get-parameters-for-import --key-id "$key" --wrapping-algorithm RSAES_OAEP_SHA_256 \\
  --wrapping-key-spec RSA_4096 --query '[ImportToken,PublicKey]' > params.txt
cut -f1 params.txt | base64 -d > ImportToken.bin
cut -f2 params.txt | base64 -d > WrappingPublicKey.bin
openssl rand -out PlaintextKeyMaterial.bin 32
openssl pkeyutl -encrypt -in PlaintextKeyMaterial.bin -out EncryptedKeyMaterial.bin \\
  -inkey WrappingPublicKey.bin -keyform DER -pubin -pkeyopt rsa_padding_mode:oaep \\
  -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256
$KMS import-key-material --key-id "$key" --encrypted-key-material fileb://EncryptedKeyMaterial.bin \\
  --import-token fileb://ImportToken.bin --expiration-model KEY_MATERIAL_EXPIRES --valid-to "$VALID_TO"
printf bench > m.txt
$KMS encrypt --key-id "$key" --plaintext fileb://m.txt --query CiphertextBlob | base64 -d > ct.bin
test "$($KMS decrypt --ciphertext-blob fileb://ct.bin --query Plaintext | base64 -d)" = bench
`,
  },
  {
    name: 'ECC_NIST_P256, RSA_AES_KEY_WRAP_SHA_256 / RSA_4096',
    script: (endpoint, n) => `ceremony: { operator: Bench Operator, witnesses: [Bench Witness] }
target: { emulator: { endpoint: "${endpoint}" } }
key: { create: { keySpec: ECC_NIST_P256, keyUsage: SIGN_VERIFY, description: bench ${n} } }
wrapping: { algorithm: RSA_AES_KEY_WRAP_SHA_256, keySpec: RSA_4096 }
fingerprint: { witness: Bench Witness }
material: { generate: true }
expiration: { validForDays: 90 }
approvedBy: [Bench Witness]
output: ./out
`,
    runbook: `
key=$($KMS create-key --origin EXTERNAL --key-spec ECC_NIST_P256 --key-usage SIGN_VERIFY --query KeyMetadata.KeyId)
$KMS get-parameters-for-import --key-id "$key" --wrapping-algorithm RSA_AES_KEY_WRAP_SHA_256 \\
  --wrapping-key-spec RSA_4096 --query '[ImportToken,PublicKey]' > params.txt
cut -f1 params.txt | base64 -d > ImportToken.bin
cut -f2 params.txt | base64 -d > WrappingPublicKey.bin
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem
openssl pkcs8 -topk8 -nocrypt -in key.pem -outform DER -out PlaintextKeyMaterial.der
openssl rand -out aes-key.bin 32
openssl enc -id-aes256-wrap-pad -K "$(xxd -p < aes-key.bin | tr -d '\\n')" -iv A65959A6 \\
  -in PlaintextKeyMaterial.der -out key-material-wrapped.bin
openssl pkeyutl -encrypt -in aes-key.bin -out aes-key-wrapped.bin -inkey WrappingPublicKey.bin -keyform DER \\
  -pubin -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256
cat aes-key-wrapped.bin key-material-wrapped.bin > EncryptedKeyMaterial.bin
$KMS import-key-material --key-id "$key" --encrypted-key-material fileb://EncryptedKeyMaterial.bin \\
  --import-token fileb://ImportToken.bin --expiration-model KEY_MATERIAL_EXPIRES --valid-to "$VALID_TO"
printf bench > m.txt
$KMS sign --key-id "$key" --message fileb://m.txt --message-type RAW --signing-algorithm ECDSA_SHA_256 \\
  --query Signature | base64 -d > sig.bin
openssl pkey -in key.pem -pubout -out pub.pem
openssl dgst -sha256 -verify pub.pem -signature sig.bin m.txt > /dev/null
`,
  },
];

if (!existsSync(AWS)) {
  console.error(`bench:ceremony needs the AWS CLI v2 at ${AWS} (Debian: apt-get install awscli).`);
  process.exit(1);
}
const work = mkdtempSync(path.join(tmpdir(), 'bench-ceremony-'));
const emulator = await startEmulator({ dataDir: path.join(work, 'kms') });
await ensureCli(); // build now, not inside the first timed run
try {
  console.log(
    `emulator ${emulator.endpoint}; ${PAIRS} alternating pairs per case after a warm-up${SMOKE ? ' (smoke)' : ''}`,
  );
  const awsConfig = path.join(work, 'aws-config');
  writeFileSync(awsConfig, '[default]\nregion = us-east-1\noutput = text\n');
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_CONFIG_FILE: awsConfig,
    AWS_SHARED_CREDENTIALS_FILE: path.join(work, 'none'),
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    KMS: `${AWS} kms --endpoint-url ${emulator.endpoint} --output text`,
    VALID_TO: new Date(Date.now() + 90 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  let n = 0;
  const fresh = () => {
    const dir = path.join(work, `run-${++n}`);
    mkdirSync(dir);
    return dir;
  };
  const stationDir = path.join(work, 'station');
  const pool = () => emulator.wrappingPool.full();

  for (const c of CASES) {
    // CPU time (user + sys of every process a side starts, from bash's `times`) next to wall time: on a
    // shared, loaded machine wall time mostly measures waiting for a core.
    const cpu = { ours: [] as number[], runbook: [] as number[] };
    const ours = async () => {
      const dir = fresh();
      const script = path.join(dir, 'ceremony.yaml');
      writeFileSync(script, c.script(emulator.endpoint, n));
      const { stdout } = await exec(
        'bash',
        [
          '-euc',
          '"$0" "$@" > /dev/null; times',
          process.execPath,
          BIN,
          'run',
          script,
          '--data-dir',
          stationDir,
        ],
        { cwd: dir, env },
      );
      cpu.ours.push(childCpu(stdout));
    };
    const runbook = async () => {
      const { stdout } = await exec(
        'bash',
        ['-euo', 'pipefail', '-c', `{\n${c.runbook}\n} > /dev/null; times`],
        {
          cwd: fresh(),
          env,
          maxBuffer: 1 << 22,
        },
      );
      cpu.runbook.push(childCpu(stdout));
    };
    if (!SMOKE) await pairs(1, ours, runbook, pool); // warm-up: disk caches, station key, first-run work
    cpu.ours.length = cpu.runbook.length = 0;
    const r = await pairs(PAIRS, ours, runbook, pool);
    const cpuRatios = sorted(cpu.ours.map((t, i) => cpu.runbook[i]! / t));
    console.log(`\n${c.name}`);
    console.log(`  kms-ceremony run          ${summary(r.a)}`);
    console.log(`  AWS CLI v2 + OpenSSL      ${summary(r.b)}`);
    console.log(
      `  runbook / ours per pair: median ${median(r.ratios).toFixed(1)}× (min ${sorted(r.ratios)[0]!.toFixed(1)}×, max ${sorted(r.ratios).at(-1)!.toFixed(1)}×) — target ≥ 8×`,
    );
    console.log(`  CPU time: ours ${summary(cpu.ours)}; runbook ${summary(cpu.runbook)}`);
    console.log(
      `  runbook / ours CPU per pair: median ${median(cpuRatios).toFixed(1)}× (min ${cpuRatios[0]!.toFixed(1)}×, max ${cpuRatios.at(-1)!.toFixed(1)}×)`,
    );
  }

  const startup = await pairs(
    STARTUP_PAIRS,
    () => exec(process.execPath, [BIN, '--help'], { env }),
    () => exec(process.execPath, ['-e', '0'], { env }),
  );
  const helpRatios = startup.ratios.map((r) => 1 / r);
  console.log(`\nCLI start-up (${STARTUP_PAIRS} alternating pairs)`);
  console.log(`  kms-ceremony --help       ${summary(startup.a)}`);
  console.log(`  node -e 0                 ${summary(startup.b)}`);
  console.log(
    `  --help / node -e 0 per pair: median ${median(helpRatios).toFixed(2)}× (min ${sorted(helpRatios)[0]!.toFixed(2)}×, max ${sorted(helpRatios).at(-1)!.toFixed(2)}×) — target ≤ 2×`,
  );
} finally {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}
