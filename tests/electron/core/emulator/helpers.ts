import { constants, createCipheriv, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
  ReplicateKeyCommand,
} from '@aws-sdk/client-kms';
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../../../electron/core/emulator/index';
import { DEFAULT_REPLICA_CREATING_SECONDS } from '../../../../electron/core/emulator/timing';

/**
 * Test harness: one emulator per test file, SDK clients per Region, and an independent wrapper (Node's
 * OpenSSL: RSA-OAEP and the id-aes256-wrap-pad cipher, which tests may use as a peer) for EncryptedKeyMaterial.
 */
export interface Harness {
  emulator: RunningEmulator;
  dataDir: string;
  kms: KMSClient;
  client(region: string): KMSClient;
  close(): Promise<void>;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export async function startHarness(options: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kms-emulator-test-'));
  // One pair per wrapping key spec: every test file's emulator warms its pool, on a shared 2-core machine.
  const emulator = await startEmulator({ dataDir, wrappingKeyPool: 1, ...options });
  const clients = new Map<string, KMSClient>();
  const client = (region: string) => {
    let c = clients.get(region);
    if (!c) {
      c = new KMSClient({
        endpoint: emulator.endpoint,
        region,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        maxAttempts: 1,
      });
      clients.set(region, c);
    }
    return c;
  };
  return {
    emulator,
    dataDir,
    kms: client('us-east-1'),
    client,
    async close() {
      for (const c of clients.values()) c.destroy();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The RFC 5649 wrap from OpenSSL (allowed in tests as an independent peer of our crypto core). */
function aesKwp(kek: Buffer, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('id-aes256-wrap-pad', kek, Buffer.from('A65959A6', 'hex'));
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

export function wrap(publicKeyDer: Uint8Array, material: Buffer, algorithm: string): Buffer {
  const key = { key: Buffer.from(publicKeyDer), format: 'der' as const, type: 'spki' as const };
  const oaep = (hash: string, data: Buffer) =>
    publicEncrypt({ ...key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, data);
  switch (algorithm) {
    case 'RSAES_OAEP_SHA_1':
      return oaep('sha1', material);
    case 'RSAES_OAEP_SHA_256':
      return oaep('sha256', material);
    case 'RSA_AES_KEY_WRAP_SHA_1':
    case 'RSA_AES_KEY_WRAP_SHA_256': {
      const aes = randomBytes(32);
      return Buffer.concat([
        oaep(algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256', aes),
        aesKwp(aes, material),
      ]);
    }
    default:
      throw new Error(`test wrap: unsupported ${algorithm}`);
  }
}

/** PKCS#8 DER private key material for an asymmetric KeySpec (test fixture). */
export function pkcs8For(keySpec: string): Buffer {
  const pair = keySpec.startsWith('RSA_')
    ? generateKeyPairSync('rsa', { modulusLength: Number(keySpec.slice(4)) })
    : keySpec === 'ECC_NIST_EDWARDS25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: CURVES[keySpec] ?? 'unknown-curve' });
  return pair.privateKey.export({ format: 'der', type: 'pkcs8' });
}

const CURVES: Record<string, string> = {
  ECC_NIST_P256: 'prime256v1',
  ECC_NIST_P384: 'secp384r1',
  ECC_NIST_P521: 'secp521r1',
  ECC_SECG_P256K1: 'secp256k1',
};

/** Epoch-seconds Date `days` ahead of the emulator's clock. */
export const daysAhead = (emulator: RunningEmulator, days: number) =>
  new Date(emulator.now().getTime() + days * 86_400_000);

/** Runs `fn` and returns the thrown SDK error's name and message (fails if nothing is thrown). */
export async function failure(fn: () => Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await fn();
  } catch (error) {
    const e = error as { name: string; message: string };
    return { name: e.name, message: e.message };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

type KeySpecName = NonNullable<ConstructorParameters<typeof CreateKeyCommand>[0]>['KeySpec'];
type AlgorithmName = NonNullable<
  ConstructorParameters<typeof GetParametersForImportCommand>[0]
>['WrappingAlgorithm'];

/** Creates an Origin=EXTERNAL key with the usage KMS needs for the spec. */
export async function createExternalKey(
  kms: KMSClient,
  keySpec: KeySpecName = 'SYMMETRIC_DEFAULT',
  extra = {},
) {
  const usage = keySpec?.startsWith('HMAC')
    ? 'GENERATE_VERIFY_MAC'
    : keySpec === 'SYMMETRIC_DEFAULT'
      ? undefined
      : keySpec?.startsWith('RSA')
        ? 'ENCRYPT_DECRYPT'
        : 'SIGN_VERIFY';
  const { KeyMetadata } = await kms.send(
    new CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: keySpec, KeyUsage: usage, ...extra }),
  );
  return KeyMetadata!;
}

export interface ImportOptions {
  algorithm?: AlgorithmName;
  wrappingKeySpec?: 'RSA_2048' | 'RSA_3072' | 'RSA_4096';
  validTo?: Date;
  expirationModel?: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';
  importType?: 'NEW_KEY_MATERIAL' | 'EXISTING_KEY_MATERIAL';
  keyMaterialId?: string;
  description?: string;
}

/** GetParametersForImport + wrap + ImportKeyMaterial (defaults: OAEP_SHA_256, RSA_2048, no expiry). */
export async function importMaterial(kms: KMSClient, keyId: string, material: Buffer, o: ImportOptions = {}) {
  const algorithm = o.algorithm ?? 'RSAES_OAEP_SHA_256';
  const params = await kms.send(
    new GetParametersForImportCommand({
      KeyId: keyId,
      WrappingAlgorithm: algorithm,
      WrappingKeySpec: o.wrappingKeySpec ?? 'RSA_2048',
    }),
  );
  return kms.send(
    new ImportKeyMaterialCommand({
      KeyId: keyId,
      ImportToken: params.ImportToken,
      EncryptedKeyMaterial: wrap(params.PublicKey!, material, algorithm!),
      ValidTo: o.validTo,
      ExpirationModel: o.expirationModel ?? (o.validTo ? undefined : 'KEY_MATERIAL_DOES_NOT_EXPIRE'),
      ImportType: o.importType,
      KeyMaterialId: o.keyMaterialId,
      KeyMaterialDescription: o.description,
    }),
  );
}

export async function describe(kms: KMSClient, keyId: string) {
  return (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
}

/**
 * A multi-Region EXTERNAL key whose `material` was imported into the primary (us-east-1) and each of
 * `replicas`, valid for one day, then the emulator clock moved two days: expired everywhere (PendingImport),
 * as officers find a key whose reminders were missed. Returns the key ID (mrk-…).
 */
export async function expiredMultiRegionKey(
  emulator: RunningEmulator,
  material: Buffer,
  replicas: readonly string[],
): Promise<string> {
  const client = (region: string) =>
    new KMSClient({
      endpoint: emulator.endpoint,
      region,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
  const east = client('us-east-1');
  try {
    const key = await createExternalKey(east, 'SYMMETRIC_DEFAULT', { MultiRegion: true });
    await importMaterial(east, key.KeyId!, material, { validTo: daysAhead(emulator, 1) });
    for (const region of replicas)
      await east.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: region }));
    emulator.advanceClock(DEFAULT_REPLICA_CREATING_SECONDS);
    for (const region of replicas) {
      const regional = client(region);
      await importMaterial(regional, key.KeyId!, material, { validTo: daysAhead(emulator, 1) });
      regional.destroy();
    }
    emulator.advanceClock(2 * 86_400);
    return key.KeyId!;
  } finally {
    east.destroy();
  }
}
