/**
 * npm run bench:crypto — how the crypto core compares with the peers a key ceremony could use instead, all
 * measured in this run on this machine (ratios, not absolute targets):
 *   - our wrapKeyMaterial vs the OpenSSL CLI runbook of spec §3 (process start-ups included) vs node-forge OAEP,
 *     for each wrapping algorithm × wrapping key spec;
 *   - material generation time per KeySpec;
 *   - the largest event-loop delay while generating an RSA-4096 key (goal: < 50 ms).
 * `--smoke` (run by `npm test`): one iteration of each, RSA-2048 only, so a benchmark that no longer runs
 * fails CI; its figures mean nothing.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import forge from 'node-forge';
import {
  generateKeyMaterial,
  IMPORTABLE_KEY_SPECS,
  runSelfTests,
  wrapKeyMaterial,
  type Secret,
  type WrappingAlgorithm,
} from '../electron/core/crypto';

const ALGORITHMS: WrappingAlgorithm[] = [
  'RSAES_OAEP_SHA_1',
  'RSAES_OAEP_SHA_256',
  'RSA_AES_KEY_WRAP_SHA_1',
  'RSA_AES_KEY_WRAP_SHA_256',
];
const SMOKE = process.argv.includes('--smoke');
const BITS = SMOKE ? ([2048] as const) : ([2048, 3072, 4096] as const);
const OURS_RUNS = SMOKE ? 1 : 200;
const OPENSSL_RUNS = SMOKE ? 1 : 10;
const FORGE_RUNS = SMOKE ? 1 : 50;
const SLOW_SPEC = SMOKE ? 'RSA_2048' : 'RSA_4096';

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function time(runs: number, fn: () => void): number {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}
const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : 1)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'kms-bench-'));
try {
  await runSelfTests();
  const materials: Record<'oaep' | 'rsa-aes', Secret> = {
    oaep: await generateKeyMaterial('SYMMETRIC_DEFAULT'),
    'rsa-aes': await generateKeyMaterial('RSA_2048'),
  };
  for (const [name, m] of Object.entries(materials))
    m.use((b) => writeFileSync(join(dir, `${name}.material`), b));

  console.log('Wrap latency (median): ours vs OpenSSL CLI runbook (spec §3) vs node-forge OAEP');
  console.log(
    'material: 32-byte AES key for RSAES_OAEP_*, RSA_2048 PKCS#8 (%d bytes) for RSA_AES_*',
    materials['rsa-aes'].length,
  );
  console.log(
    [
      'algorithm'.padEnd(26),
      'wrap key',
      'ours'.padStart(10),
      'openssl CLI'.padStart(12),
      'ratio',
      'forge OAEP'.padStart(11),
      'ratio',
    ].join('  '),
  );
  for (const bits of BITS) {
    const pair = generateKeyPairSync('rsa', { modulusLength: bits });
    const der = pair.publicKey.export({ type: 'spki', format: 'der' });
    writeFileSync(join(dir, 'WrappingPublicKey.bin'), der);
    const forgeKey = forge.pki.publicKeyFromAsn1(
      forge.asn1.fromDer(der.toString('binary')),
    ) as forge.pki.rsa.PublicKey;
    for (const algorithm of ALGORITHMS) {
      const kind = algorithm.startsWith('RSA_AES') ? 'rsa-aes' : 'oaep';
      const material = materials[kind];
      const ours = time(OURS_RUNS, () => wrapKeyMaterial({ material, publicKeyDer: der, algorithm }));
      const md = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
      const oaep = `-pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:${md} -pkeyopt rsa_mgf1_md:${md}`;
      const pkeyutl = `openssl pkeyutl -encrypt -inkey WrappingPublicKey.bin -keyform DER -pubin ${oaep}`;
      const runbook =
        kind === 'oaep'
          ? `${pkeyutl} -in oaep.material -out EncryptedKeyMaterial.bin`
          : [
              'openssl rand -out aes-key.bin 32',
              `openssl enc -id-aes256-wrap-pad -K "$(xxd -p < aes-key.bin | tr -d '\\n')" -iv A65959A6 -in rsa-aes.material -out key-material-wrapped.bin`,
              `${pkeyutl} -in aes-key.bin -out aes-key-wrapped.bin`,
              'cat aes-key-wrapped.bin key-material-wrapped.bin > EncryptedKeyMaterial.bin',
            ].join('\n');
      const openssl = time(OPENSSL_RUNS, () => execFileSync('bash', ['-euc', runbook], { cwd: dir }));
      let forgeCell = '—'.padStart(11) + '  —';
      if (kind === 'oaep') {
        const bytes = material.use((b) => b.toString('binary')); // forge needs a string: benchmark material only
        const f = time(FORGE_RUNS, () =>
          forgeKey.encrypt(bytes, 'RSA-OAEP', {
            md: forge.md[md].create(),
            mgf1: { md: forge.md[md].create() },
          }),
        );
        forgeCell = `${ms(f).padStart(11)}  ${(f / ours).toFixed(1)}×`;
      }
      console.log(
        [
          algorithm.padEnd(26),
          `RSA_${bits}`.padEnd(8),
          ms(ours).padStart(10),
          ms(openssl).padStart(12),
          `${(openssl / ours).toFixed(0)}×`.padStart(5),
          forgeCell,
        ].join('  '),
      );
    }
  }

  console.log('\nMaterial generation time per KeySpec (median; RSA: 3 runs, others: 20)');
  for (const keySpec of IMPORTABLE_KEY_SPECS) {
    if (SMOKE && keySpec.startsWith('RSA_') && keySpec !== 'RSA_2048') continue;
    const runs = SMOKE ? 1 : keySpec.startsWith('RSA_') ? 3 : 20;
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      (await generateKeyMaterial(keySpec)).wipe();
      samples.push(performance.now() - t);
    }
    console.log(`  ${keySpec.padEnd(24)} ${ms(median(samples)).padStart(10)}`);
  }

  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const t = performance.now();
  (await generateKeyMaterial(SLOW_SPEC)).wipe();
  const took = performance.now() - t;
  histogram.disable();
  const maxDelay = histogram.max / 1e6;
  console.log(
    `\nEvent-loop delay while generating ${SLOW_SPEC} (${ms(took)}): max ${ms(maxDelay)}, p99 ${ms(histogram.percentile(99) / 1e6)} — goal < 50 ms: ${maxDelay < 50 ? 'MET' : 'NOT MET'}`,
  );
  for (const m of Object.values(materials)) m.wipe();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
