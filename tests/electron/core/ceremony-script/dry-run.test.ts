/**
 * `--dry-run`: checks the script, its files, compatibility and the expiry window without calling KMS and
 * without writing anything. The target is a listening HTTP server that counts requests: it must get none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { writeParametersBundle } from '../../../../electron/core/bundles';
import { names, run, snapshot, tempDir, writeScript } from './helpers';

const tmp = tempDir('script-dry-run');
let server: Server;
let requests = 0;
let endpoint: string;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    res.writeHead(500).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  tmp.cleanup();
});

function online(extra: Record<string, unknown>) {
  return {
    ceremony: names,
    target: { emulator: { endpoint } },
    key: { create: { keySpec: 'HMAC_256' } },
    material: { generate: true },
    expiration: { validForDays: 30 },
    output: './out',
    ...extra,
  };
}

async function parametersBundle(validTo: Date, dir: string) {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  mkdirSync(dir, { recursive: true });
  const written = await writeParametersBundle(`${dir}/c1-parameters`, {
    ceremonyId: 'c1',
    keyArn: 'arn:aws:kms:us-east-1:111122223333:key/0b6e1d0e-8d4f-4b1a-9f4e-000000000001',
    keySpec: 'HMAC_256',
    wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
    wrappingKeySpec: 'RSA_2048',
    parametersValidTo: validTo,
    publicKey: publicKey.export({ type: 'spki', format: 'der' }),
    importToken: randomBytes(64),
    createdAt: new Date(validTo.getTime() - 86_400_000),
  });
  return written.path;
}

/** A dry run in a fresh folder: what it printed, how it ended, and proof it touched nothing. */
async function dryRun(script: Record<string, unknown>, prepare?: (dir: string) => unknown) {
  const dir = tmp.at(`case-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  await prepare?.(dir);
  const file = writeScript(dir, 'ceremony.yaml', script);
  const before = snapshot(dir);
  const requestsBefore = requests;
  const outcome = await run({ scriptPath: file, dryRun: true });
  expect(snapshot(dir)).toEqual(before);
  expect(requests).toBe(requestsBefore);
  return outcome;
}

describe('run --dry-run', () => {
  it('checks a good online script, loading the material file in memory, and says what it would do', async () => {
    const { result, error, out } = await dryRun(
      online({ material: { file: 'hmac.hex', format: 'hex' } }),
      (dir) => writeFileSync(`${dir}/hmac.hex`, `${randomBytes(32).toString('hex')}\n`),
    );
    expect(error).toBeNull();
    expect(result?.outcome).toBe('dry-run');
    expect(out).toMatch(/ok +key +would create a HMAC_256 GENERATE_VERIFY_MAC key/);
    expect(out).toMatch(/ok +wrapping +RSAES_OAEP_SHA_256\/RSA_4096 \(recommended\)/);
    expect(out).toMatch(
      /ok +material .*hex, 32 bytes, valid HMAC_256 material, check value HMAC KCV [0-9A-F]{6}/,
    );
    expect(out).toMatch(/ok +expiration .*KEY_MATERIAL_EXPIRES until .*\(30 days from the import\)/);
    expect(out).toMatch(/dry run passed: nothing was sent to KMS and nothing was written/);
  });

  it('refuses a material file that is not HMAC_256 material, naming the file, and goes on checking', async () => {
    const { error, out } = await dryRun(online({ material: { file: 'short.bin' } }), (dir) =>
      writeFileSync(`${dir}/short.bin`, randomBytes(20)),
    );
    expect(error).toMatchObject({ code: 'DRY_RUN_FAILED' });
    expect(error!.message).toMatch(/material: /);
    expect(out).toMatch(/FAIL +material .*32 bytes/);
    expect(out).toMatch(/ok +expiration/); // the checks after the failure still ran
  });

  it('refuses a wrapping the compatibility table forbids, and says the recommended one', async () => {
    const { error, out } = await dryRun(
      online({
        key: { create: { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' } },
        wrapping: { algorithm: 'RSAES_OAEP_SHA_256' },
      }),
    );
    expect(error).toMatchObject({ code: 'DRY_RUN_FAILED' });
    expect(out).toMatch(
      /FAIL +wrapping .*RSAES_OAEP_SHA_256 with RSA_4096 cannot import RSA_2048 material.*algorithm: RSA_AES_KEY_WRAP_SHA_256, keySpec: RSA_4096/,
    );
  });

  it('says what it cannot check without KMS (an existing key of unknown spec), and plans nested output folders', async () => {
    const { error, out } = await dryRun(online({ key: { id: 'alias/existing' }, output: './a/b/c' }));
    expect(error).toBeNull();
    expect(out).toMatch(/skip +wrapping +decided after DescribeKey/);
    expect(out).toMatch(/skip +material +checked after DescribeKey/);
    expect(out).toMatch(/ok +output +would create \S+\/a\/b\/c and write the ceremony record into it/);
  });

  it('refuses an expiry outside the 365-day window', async () => {
    const past = await dryRun(online({ expiration: { validTo: '2020-01-01T00:00:00Z' } }));
    expect(past.out).toMatch(/FAIL +expiration .*not in the future/);
    const far = await dryRun(online({ expiration: { validTo: inDays(400).toISOString() } }));
    expect(far.out).toMatch(/FAIL +expiration .*more than 365 days ahead/);
  });

  it('offline: reads the parameters bundle, and refuses one whose parameters have expired', async () => {
    const offline = (parameters: string) => ({
      ceremony: names,
      station: 'offline',
      parameters,
      material: { generate: true },
      output: './usb',
    });
    const good = await dryRun(offline('media/c1-parameters'), (dir) =>
      parametersBundle(inDays(0.5), `${dir}/media`),
    );
    expect(good.error).toBeNull();
    expect(good.out).toMatch(
      /ok +parameters +parameters-bundle of ceremony c1 · HMAC_256 · RSAES_OAEP_SHA_256\/RSA_2048/,
    );
    expect(good.out).toMatch(/would generate 32 random bytes/);

    const expired = await dryRun(offline('media/c1-parameters'), (dir) =>
      parametersBundle(inDays(-0.1), `${dir}/media`),
    );
    expect(expired.error).toMatchObject({ code: 'DRY_RUN_FAILED' });
    expect(expired.out).toMatch(
      /FAIL +parameters +The import parameters expired at .*Fetch new import parameters/,
    );

    const mismatch = await dryRun(
      { ...offline('media/c1-parameters'), wrapping: { keySpec: 'RSA_4096' } },
      (dir) => parametersBundle(inDays(0.5), `${dir}/media`),
    );
    expect(mismatch.out).toMatch(
      /FAIL +parameters .*the parameters were fetched for RSAES_OAEP_SHA_256\/RSA_2048/,
    );
  });

  it('resume: refuses --from a wrapped bundle that is not there, and writes nothing', async () => {
    const dir = tmp.at('resume');
    mkdirSync(dir);
    const file = writeScript(dir, 'online.yaml', online({}));
    const before = snapshot(dir);
    const { error, out } = await run({
      scriptPath: file,
      dryRun: true,
      fromWrappedBundle: tmp.at('missing-wrapped'),
    });
    expect(error).toMatchObject({ code: 'DRY_RUN_FAILED' });
    expect(out).toMatch(/FAIL +wrapped bundle .*does not exist/);
    expect(snapshot(dir)).toEqual(before);
  });
});
