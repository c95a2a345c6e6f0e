/**
 * npm run bench:emulator — latency (p50/p99) and throughput of our KMS emulator per operation, and the same
 * workload against moto's server (`moto_server`, started here on loopback) for the operations moto supports,
 * with our/moto ratios measured in this run. Bounded loops; both servers are driven through the same
 * @aws-sdk/client-kms code path. moto has no import API, so GetParametersForImport and ImportKeyMaterial are
 * ours only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { startEmulator } from '../electron/core/emulator/index';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const SMOKE = process.argv.includes('--smoke');
const RUNS = {
  CreateKey: 150,
  DescribeKey: 400,
  GetParametersForImport: 20,
  ImportKeyMaterial: 60,
  Encrypt: 400,
  Decrypt: 400,
};
if (SMOKE) for (const k of Object.keys(RUNS)) RUNS[k as keyof typeof RUNS] = 1;

interface Result {
  p50: number;
  p99: number;
  opsPerSecond: number;
}

function client(endpoint: string): KMSClient {
  return new KMSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

async function measure(
  runs: number,
  fn: (i: number) => Promise<unknown>,
  between?: () => Promise<void>,
): Promise<Result> {
  await fn(-1); // warm-up
  const samples: number[] = [];
  let busy = 0;
  for (let i = 0; i < runs; i++) {
    if (between) await between();
    const t = performance.now();
    await fn(i);
    const elapsed = performance.now() - t;
    samples.push(elapsed);
    busy += elapsed;
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p99: at(0.99), opsPerSecond: (runs / busy) * 1000 };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startMoto(): Promise<{ endpoint: string; child: ChildProcess } | null> {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const failed = new Promise<null>((resolve) => child.on('error', () => resolve(null)));
  const endpoint = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${endpoint}/moto-api/`);
        return { endpoint, child };
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    child.kill();
    return null;
  })();
  return Promise.race([ready, failed]);
}

async function workload(kms: KMSClient, withImport: boolean, waitForPool: () => Promise<void>) {
  const results: Record<string, Result> = {};
  results.CreateKey = await measure(RUNS.CreateKey, () => kms.send(new CreateKeyCommand({})));
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
  const keyId = KeyMetadata!.KeyId!;
  results.DescribeKey = await measure(RUNS.DescribeKey, () =>
    kms.send(new DescribeKeyCommand({ KeyId: keyId })),
  );
  let encryptKey = keyId;
  if (withImport) {
    const external = (await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!.KeyId!;
    const gpfi = () =>
      kms.send(
        new GetParametersForImportCommand({
          KeyId: external,
          WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
          WrappingKeySpec: 'RSA_2048',
        }),
      );
    // The pool's purpose: a caller (one ceremony at a time) never waits for RSA key generation.
    results['GetParametersForImport (warm pool)'] = await measure(
      RUNS.GetParametersForImport,
      gpfi,
      waitForPool,
    );
    results['GetParametersForImport (back-to-back)'] = await measure(RUNS.GetParametersForImport, gpfi);
    const params = await gpfi();
    const material = randomBytes(32);
    const wrappingKey = createPublicKey({ key: Buffer.from(params.PublicKey!), format: 'der', type: 'spki' });
    const blob = publicEncrypt(
      { key: wrappingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      material,
    );
    const importOnce = () =>
      kms.send(
        new ImportKeyMaterialCommand({
          KeyId: external,
          ImportToken: params.ImportToken,
          EncryptedKeyMaterial: blob,
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      );
    results.ImportKeyMaterial = await measure(RUNS.ImportKeyMaterial, importOnce);
    encryptKey = external;
  }
  const plaintext = Buffer.from('benchmark plaintext of a typical data key length..');
  const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: encryptKey, Plaintext: plaintext }));
  results.Encrypt = await measure(RUNS.Encrypt, () =>
    kms.send(new EncryptCommand({ KeyId: encryptKey, Plaintext: plaintext })),
  );
  results.Decrypt = await measure(RUNS.Decrypt, () => kms.send(new DecryptCommand({ CiphertextBlob })));
  return results;
}

const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

const dataDir = mkdtempSync(join(tmpdir(), 'kms-emulator-bench-'));
const emulator = await startEmulator({ dataDir });
const ours = client(emulator.endpoint);
const moto = await startMoto();
try {
  const waitForPool = () => new Promise<void>((r) => setTimeout(r, 600));
  console.log(`ours: ${emulator.endpoint} (fsync'd journal in ${dataDir})`);
  const our = await workload(ours, true, waitForPool);
  let theirs: Record<string, Result> | null = null;
  if (moto) {
    console.log(`moto: ${moto.endpoint}`);
    theirs = await workload(client(moto.endpoint), false, async () => {});
  } else {
    console.log('moto_server could not be started: ratios skipped');
  }
  console.log('');
  console.log(
    [
      'operation'.padEnd(40),
      'ours p50',
      'ours p99',
      'ours op/s',
      'moto p50',
      'moto p99',
      'moto op/s',
      'p50 ratio',
      'op/s ratio',
    ].join('  '),
  );
  for (const [name, r] of Object.entries(our)) {
    const m = theirs?.[name];
    const cells = [
      name.padEnd(40),
      `${fmt(r.p50)} ms`.padStart(8),
      `${fmt(r.p99)} ms`.padStart(8),
      fmt(r.opsPerSecond).padStart(9),
      (m ? `${fmt(m.p50)} ms` : 'n/a').padStart(8),
      (m ? `${fmt(m.p99)} ms` : 'n/a').padStart(8),
      (m ? fmt(m.opsPerSecond) : 'n/a').padStart(9),
      (m ? `${(r.p50 / m.p50).toFixed(2)}x` : 'n/a').padStart(9),
      (m ? `${(r.opsPerSecond / m.opsPerSecond).toFixed(2)}x` : 'n/a').padStart(10),
    ];
    console.log(cells.join('  '));
  }
  console.log(
    '\nratios are ours/moto: p50 ratio < 1 means we answer faster; op/s ratio > 1 means more throughput.',
  );
  console.log(
    'moto keeps state in memory; ours fsyncs every acknowledged write (CreateKey, ImportKeyMaterial).',
  );
} finally {
  ours.destroy();
  await emulator.close();
  moto?.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
