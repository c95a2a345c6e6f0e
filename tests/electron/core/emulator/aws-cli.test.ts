import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../../electron/core/emulator/index';

/**
 * The documented BYOK workflow end to end with the real AWS CLI (v2 at /usr/bin/aws, v1 on PATH) and the
 * OpenSSL commands of spec §3: create-key --origin EXTERNAL, describe-key, get-parameters-for-import, wrap,
 * import-key-material with fileb:// and --valid-to, then use the key. Skips with a printed reason when no
 * AWS CLI exists, unless REQUIRE_AWSCLI=1.
 */
const run = promisify(execFile);

function findClis(): string[] {
  const found = new Set<string>();
  if (existsSync('/usr/bin/aws')) found.add('/usr/bin/aws');
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'aws');
    if (dir && existsSync(candidate) && candidate !== '/usr/bin/aws') {
      found.add(candidate);
      break;
    }
  }
  return [...found];
}

const clis = findClis();
const required = process.env.REQUIRE_AWSCLI === '1';
if (clis.length === 0) {
  if (required) throw new Error('REQUIRE_AWSCLI=1 but no AWS CLI was found (/usr/bin/aws, aws on PATH).');
  console.log('skipped: AWS CLI workflow tests — no AWS CLI found (/usr/bin/aws, aws on PATH)');
}

let emulator: RunningEmulator;
let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kms-emulator-awscli-'));
  emulator = await startEmulator({ dataDir: join(work, 'data') });
  const config = join(work, 'aws-config');
  writeFileSync(config, '[default]\nregion = us-east-1\noutput = json\n');
  env = {
    PATH: process.env.PATH,
    HOME: work,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-credentials'),
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});
afterAll(async () => {
  await emulator?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function sh(script: string, cwd: string): Promise<string> {
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd, env, maxBuffer: 1 << 20 });
  return stdout.trim();
}

/** One CLI call against the emulator; returns parsed JSON (or {} for empty output). */
async function aws(cli: string, cwd: string, args: string): Promise<Record<string, unknown>> {
  const out = await sh(`"${cli}" kms ${args} --endpoint-url ${emulator.endpoint} --output json`, cwd);
  return out ? (JSON.parse(out) as Record<string, unknown>) : {};
}

const KEY_TYPES = [
  { name: 'SYMMETRIC_DEFAULT', create: '', material: 'openssl rand -out PlaintextKeyMaterial.bin 32' },
  {
    name: 'HMAC_256',
    create: '--key-spec HMAC_256 --key-usage GENERATE_VERIFY_MAC',
    material: 'openssl rand -out PlaintextKeyMaterial.bin 32',
  },
  {
    name: 'ECC_NIST_P256',
    create: '--key-spec ECC_NIST_P256 --key-usage SIGN_VERIFY',
    material:
      'openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-256 | openssl pkcs8 -topk8 -outform der -nocrypt > PlaintextKeyMaterial.bin',
  },
] as const;

async function useKey(cli: string, dir: string, keyType: string, keyId: string): Promise<void> {
  writeFileSync(join(dir, 'message.txt'), 'ceremony rehearsal');
  if (keyType === 'SYMMETRIC_DEFAULT') {
    const encrypted = await aws(cli, dir, `encrypt --key-id ${keyId} --plaintext fileb://message.txt`);
    writeFileSync(join(dir, 'ct.bin'), Buffer.from(encrypted.CiphertextBlob as string, 'base64'));
    const decrypted = await aws(cli, dir, 'decrypt --ciphertext-blob fileb://ct.bin');
    expect(Buffer.from(decrypted.Plaintext as string, 'base64').toString()).toBe('ceremony rehearsal');
  } else if (keyType === 'HMAC_256') {
    const mac = await aws(
      cli,
      dir,
      `generate-mac --key-id ${keyId} --message fileb://message.txt --mac-algorithm HMAC_SHA_256`,
    );
    const local = await sh(
      'openssl dgst -sha256 -mac HMAC -macopt hexkey:$(xxd -p -c 256 PlaintextKeyMaterial.bin) -binary message.txt | base64 -w0',
      dir,
    );
    expect(mac.Mac).toBe(local);
  } else {
    const signed = await aws(
      cli,
      dir,
      `sign --key-id ${keyId} --message fileb://message.txt --message-type RAW --signing-algorithm ECDSA_SHA_256`,
    );
    writeFileSync(join(dir, 'sig.bin'), Buffer.from(signed.Signature as string, 'base64'));
    const verified = await sh(
      'openssl pkey -inform DER -in PlaintextKeyMaterial.bin -pubout -out pub.pem && openssl dgst -sha256 -verify pub.pem -signature sig.bin message.txt',
      dir,
    );
    expect(verified).toBe('Verified OK');
    const published = await aws(cli, dir, `get-public-key --key-id ${keyId}`);
    const derived = await sh(
      'openssl pkey -inform DER -in PlaintextKeyMaterial.bin -pubout -outform DER | base64 -w0',
      dir,
    );
    expect(published.PublicKey).toBe(derived);
  }
}

describe.skipIf(clis.length === 0)('AWS CLI workflow against the emulator (spec §3, §6.1)', () => {
  for (const cli of clis) {
    for (const keyType of KEY_TYPES) {
      it(`${cli}: ${keyType.name} — create, describe, get parameters, wrap with openssl, import with fileb://, use`, async () => {
        const dir = mkdtempSync(join(work, 'flow-'));
        const version = await sh(`"${cli}" --version 2>&1`, dir);
        expect(version).toMatch(/^aws-cli\//);
        const created = await aws(cli, dir, `create-key --origin EXTERNAL ${keyType.create}`);
        const keyId = (created.KeyMetadata as { KeyId: string }).KeyId;
        const before = await aws(cli, dir, `describe-key --key-id ${keyId}`);
        expect((before.KeyMetadata as { KeyState: string }).KeyState).toBe('PendingImport');
        const params = await aws(
          cli,
          dir,
          `get-parameters-for-import --key-id ${keyId} --wrapping-algorithm RSAES_OAEP_SHA_256 --wrapping-key-spec RSA_2048`,
        );
        writeFileSync(join(dir, 'PublicKey.b64'), params.PublicKey as string);
        writeFileSync(join(dir, 'ImportToken.b64'), params.ImportToken as string);
        await sh(
          [
            'openssl enc -d -base64 -A -in PublicKey.b64 -out WrappingPublicKey.bin',
            'openssl enc -d -base64 -A -in ImportToken.b64 -out ImportToken.bin',
            keyType.material,
            'openssl pkeyutl -encrypt -in PlaintextKeyMaterial.bin -out EncryptedKeyMaterial.bin -inkey WrappingPublicKey.bin ' +
              '-keyform DER -pubin -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256',
          ].join(' && '),
          dir,
        );
        const validTo = new Date(emulator.now().getTime() + 30 * 86_400_000)
          .toISOString()
          .replace(/\.\d+Z$/, 'Z');
        await aws(
          cli,
          dir,
          `import-key-material --key-id ${keyId} --encrypted-key-material fileb://EncryptedKeyMaterial.bin ` +
            `--import-token fileb://ImportToken.bin --expiration-model KEY_MATERIAL_EXPIRES --valid-to ${validTo}`,
        );
        const after = (await aws(cli, dir, `describe-key --key-id ${keyId}`)).KeyMetadata as Record<
          string,
          unknown
        >;
        expect(after.KeyState).toBe('Enabled');
        expect(after.ExpirationModel).toBe('KEY_MATERIAL_EXPIRES');
        expect(readFileSync(join(dir, 'EncryptedKeyMaterial.bin'))).toHaveLength(256);
        await useKey(cli, dir, keyType.name, keyId);
      }, 120_000);
    }
  }
});
